package id.dinsos.rentan.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request a function sends itself before a SnapStart snapshot (config.SnapStart), as the JSON the
 * HTTP API would send: the same route, claims and shape as a staff member's request, so that it
 * takes the path a real one takes, through the stream handler, the router and the endpoint. Its
 * request id says what it is wherever it is logged. Sent to a function on the real table, only
 * requests that read (each function's priming test shows that DynamoDB sees no write); requests that
 * write go only to a function on dynamodb.PrimingTable, which keeps everything in memory.
 */
public final class PrimingRequest {
    public static final String REQUEST_ID = "snapstart-priming";
    /** An id of the right shape that no record has: ids are random UUIDs (domain.Ids), never this one. */
    public static final String NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

    private final String method;
    private final String routeKey;
    private final String path;
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> callerHeaders = new LinkedHashMap<>();
    private String body;

    private PrimingRequest(String routeKey, String path) {
        this.routeKey = routeKey;
        this.method = routeKey.substring(0, routeKey.indexOf(' '));
        this.path = path;
    }

    /** {@code routeKey} as template.yaml names the route, {@code path} as a caller would send it. */
    public static PrimingRequest staff(String routeKey, String path) {
        return new PrimingRequest(routeKey, path);
    }

    public PrimingRequest pathParameter(String name, String value) {
        pathParameters.put(name, value);
        return this;
    }

    public PrimingRequest query(String name, String value) {
        query.put(name, value);
        return this;
    }

    /** A header as a caller would send it, e.g. {@code idempotency-key}, so that the route takes its path with one. */
    public PrimingRequest header(String name, String value) {
        callerHeaders.put(name, value);
        return this;
    }

    public PrimingRequest body(String json) {
        this.body = json;
        return this;
    }

    /**
     * Sends each request through {@code handler}'s stream entry point, as Lambda would, and returns the
     * statuses answered (for tests: priming ignores them; a 4xx primes the path up to the refusal).
     */
    public static List<Integer> sendAll(RequestStreamHandler handler, List<PrimingRequest> requests) {
        List<Integer> statuses = new ArrayList<>();
        for (PrimingRequest request : requests) {
            statuses.add(send(handler, request).path("statusCode").asInt());
        }
        return statuses;
    }

    /** Sends one request as {@link #sendAll} does; returns the answer as Lambda would pass it on to the API. */
    public static JsonNode send(RequestStreamHandler handler, PrimingRequest request) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            handler.handleRequest(request.json(), answer, null);
            return Json.MAPPER.readTree(answer.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event as the function's stream handler reads it. */
    public InputStream json() {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        StringBuilder raw = new StringBuilder();
        query.forEach((k, v) -> raw.append(raw.length() == 0 ? "" : "&").append(k).append('=').append(v));
        event.put("rawQueryString", raw.toString());
        ObjectNode headers = event.putObject("headers");
        headers.put("accept", "application/json");
        callerHeaders.forEach(headers::put);
        if (body != null) {
            headers.put("content-type", "application/json");
            event.put("body", body);
        }
        if (!query.isEmpty()) {
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach(q::put);
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            pathParameters.forEach(p::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", REQUEST_ID);
        context.put("routeKey", routeKey);
        context.putObject("http").put("method", method).put("path", path);
        ObjectNode claims = context.putObject("authorizer").putObject("jwt").putObject("claims");
        claims.put("sub", REQUEST_ID);
        claims.put("cognito:username", REQUEST_ID);
        claims.put("cognito:groups", "[" + Principal.STAFF_GROUP + "]");
        // As a staff member's ID token names the person (Principal refuses a staff token that names nobody).
        claims.put("token_use", "id");
        claims.put("name", "SnapStart priming");
        event.put("isBase64Encoded", false);
        try {
            return new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
