package id.dinsos.rentan.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * API Gateway HTTP API events (payload 2.0) read, and their answers written, with the functions' own
 * Jackson. A handler that takes its event as a stream spares the cold start the Lambda runtime's
 * event mapper (a second, shaded Jackson and joda-time, set up for one event type), which a typed
 * handler pays on top of the Jackson it needs anyway; the JSON is the same either way
 * (ApiEventsTest compares both on every sample event).
 */
public final class ApiEvents {
    private static final ObjectReader EVENT = Json.MAPPER.readerFor(APIGatewayV2HTTPEvent.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectWriter RESPONSE = Json.MAPPER.writerFor(APIGatewayV2HTTPResponse.class);

    private ApiEvents() {
    }

    public static APIGatewayV2HTTPEvent read(InputStream json) throws IOException {
        return EVENT.readValue(json);
    }

    public static void write(APIGatewayV2HTTPResponse response, OutputStream json) throws IOException {
        RESPONSE.writeValue(json, response);
    }
}
