package id.dinsos.rentan.devkit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answered to an API Gateway event, for tests: status, headers, the raw body and
 * the body as JSON (an empty object when it is not JSON, such as the CSV bill).
 */
public record LambdaResponse(int status, Map<String, String> headers, String raw, JsonNode body) {

    public static LambdaResponse of(APIGatewayV2HTTPResponse response) {
        Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
        return new LambdaResponse(response.getStatusCode(), headers, response.getBody(), parse(response.getBody()));
    }

    /** From the JSON a stream handler wrote for an API Gateway event: {statusCode, headers, body}. */
    public static LambdaResponse ofJson(JsonNode answer) {
        Map<String, String> headers = new LinkedHashMap<>();
        answer.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        String raw = answer.hasNonNull("body") ? answer.get("body").asText() : "";
        return new LambdaResponse(answer.path("statusCode").asInt(), headers, raw, parse(raw));
    }

    /** Invokes a stream handler as the Lambda runtime does: the event's JSON in, the answer's JSON out. */
    public static JsonNode invoke(RequestStreamHandler handler, JsonNode event, Context context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(SampleEvents.MAPPER.writeValueAsBytes(event)), out, context);
            return SampleEvents.MAPPER.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problem's {@code code}, or null when the body has none. */
    public String code() {
        return body.path("code").asText(null);
    }

    /** A header by name, ignoring case as HTTP does. */
    public String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static JsonNode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return SampleEvents.MAPPER.createObjectNode();
        }
        try {
            return SampleEvents.MAPPER.readTree(raw);
        } catch (IOException notJson) {
            return SampleEvents.MAPPER.createObjectNode();
        }
    }
}
