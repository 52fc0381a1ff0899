package id.dinsos.rentan.devkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns an API Gateway HTTP API (payload 2.0) JSON event, such as the files in {@code events/},
 * into the {@link APIGatewayV2HTTPEvent} the Lambda runtime would hand the handler.
 */
public final class SampleEvents {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SampleEvents() {
    }

    public static JsonNode readTree(Path file) {
        try {
            return MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event " + file, e);
        }
    }

    public static APIGatewayV2HTTPEvent httpEvent(Path file) {
        return httpEvent(readTree(file));
    }

    public static APIGatewayV2HTTPEvent httpEvent(JsonNode json) {
        try {
            return MAPPER.treeToValue(json, APIGatewayV2HTTPEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not an API Gateway v2 HTTP event", e);
        }
    }
}
