package id.dinsos.rentan.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import id.dinsos.rentan.domain.Refusal;

import id.dinsos.rentan.port.IdempotencyStore;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An API Gateway HTTP API (payload 2.0) request, read once into what endpoints need. Reading it never
 * fails: a body that cannot be read (not base64 though marked so, not UTF-8) or is too large is
 * refused by {@link #requireAcceptableBody()}, which the {@link Router} calls before any endpoint.
 */
public final class ApiRequest {
    /** The largest body of any route but the CSV imports, in bytes (256 KiB); README, "Errors". */
    public static final int MAX_JSON_BODY_BYTES = 256 * 1024;
    /** The largest {@code text/csv} body, in bytes (6 MiB, Lambda's own limit for a request). */
    public static final int MAX_CSV_BODY_BYTES = 6 * 1024 * 1024;

    private final APIGatewayV2HTTPEvent event;
    private final Map<String, String> headers = new HashMap<>();
    private final Principal principal;
    private final String body;
    /** The body's size in bytes as the caller sent it (decoded from base64). */
    private final long bodyBytes;
    /** Why the body cannot be read, or null. */
    private final String unreadableBody;
    /** The idempotency key this request claimed (Router), or null; and whether its answer was recorded with the work. */
    private IdempotencyStore.Receipt claim;
    private boolean answerRecorded;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = context == null ? null : context.getAuthorizer();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = authorizer == null ? null : authorizer.getJwt();
        this.principal = jwt == null ? null : Principal.fromClaims(jwt.getClaims(), jwt.getScopes()).orElse(null);

        String raw = event.getBody();
        String text = raw;
        long bytes = raw == null ? 0 : utf8Length(raw);
        String problem = null;
        if (raw != null && event.getIsBase64Encoded()) {
            text = null;
            bytes = raw.length() / 4L * 3; // about the decoded size, for a body too large to decode
            if (bytes <= MAX_CSV_BODY_BYTES) {
                try {
                    byte[] decoded = Base64.getDecoder().decode(raw);
                    bytes = decoded.length;
                    text = StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(decoded)).toString();
                } catch (IllegalArgumentException e) {
                    problem = "The body is marked as base64 (isBase64Encoded) but is not valid base64.";
                } catch (CharacterCodingException e) {
                    problem = "The body is not UTF-8 text.";
                }
            }
        }
        this.body = text;
        this.bodyBytes = bytes;
        this.unreadableBody = problem;
    }

    /** Called by the router once this request holds its idempotency key: the answer is to be recorded under it. */
    void holdClaim(String key, String requestHash, java.time.Instant answerExpiresAt) {
        this.claim = new IdempotencyStore.Receipt(key, requestHash, null, answerExpiresAt);
    }

    /**
     * For an endpoint whose work is one write: the answer it will give, as a receipt to record with that
     * write (IdempotencyStore.Receipt), when this request claimed an idempotency key; otherwise empty.
     * If the write recorded it, the endpoint says so with {@link #answerRecorded()}.
     */
    public Optional<IdempotencyStore.Receipt> receiptFor(HttpResult answer) {
        return claim == null ? Optional.empty() : Optional.of(new IdempotencyStore.Receipt(claim.key(), claim.requestHash(),
                new IdempotencyStore.StoredResponse(answer.status(), answer.headers(), answer.body()), claim.expiresAt()));
    }

    /** The endpoint recorded its answer with its work: the router need not record it again. */
    public void answerRecorded() {
        this.answerRecorded = true;
    }

    boolean answerWasRecorded() {
        return answerRecorded;
    }

    /** UTF-8 bytes of {@code text}, without encoding it. */
    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    public String routeKey() {
        return event.getRouteKey();
    }

    public String method() {
        String routeKey = routeKey();
        return routeKey == null ? "" : routeKey.split(" ", 2)[0];
    }

    public String path() {
        return event.getRawPath();
    }

    public String pathParameter(String name) {
        return event.getPathParameters() == null ? null : event.getPathParameters().get(name);
    }

    public Optional<String> query(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? Optional.empty() : Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    public Map<String, String> queryParameters() {
        return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public String body() {
        return body;
    }

    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    public String requestId() {
        return event.getRequestContext() == null || event.getRequestContext().getRequestId() == null
                ? "unknown" : event.getRequestContext().getRequestId();
    }

    /**
     * One body size limit for every route, checked before any use case runs: {@value #MAX_CSV_BODY_BYTES}
     * bytes for {@code text/csv} (the imports), {@value #MAX_JSON_BODY_BYTES} for anything else; 413
     * {@code PAYLOAD_TOO_LARGE} beyond it. A body that cannot be read is 400 {@code MALFORMED_BODY}.
     */
    public void requireAcceptableBody() {
        boolean csv = contentType().equals("text/csv");
        long limit = csv ? MAX_CSV_BODY_BYTES : MAX_JSON_BODY_BYTES;
        if (bodyBytes > limit) {
            throw new HttpProblem(413, "PAYLOAD_TOO_LARGE", "The body is " + bodyBytes + " bytes; a " + (csv ? "text/csv" : "JSON")
                    + " body may have at most " + limit + ".");
        }
        if (unreadableBody != null) {
            throw new Refusal.Invalid("MALFORMED_BODY", unreadableBody, List.of());
        }
    }

    /** Refuses a body declared as anything but JSON (415); a missing Content-Type is read as JSON. */
    public void requireJsonBody() {
        String type = contentType();
        if (!type.isEmpty() && !type.equals("application/json") && !type.endsWith("+json")) {
            throw new HttpProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
        }
    }

    /**
     * For a route that takes no body (openapi.yaml: none, or an empty JSON object): nothing to do
     * without a body; a body declared as anything but JSON is 415, and any field in it is 400
     * {@code VALIDATION_FAILED} with an {@code UNKNOWN_FIELD} error.
     */
    public void requireNoFields() {
        if (body == null || body.isBlank()) {
            return;
        }
        requireJsonBody();
        JsonInput in = JsonInput.parse(body, false);
        in.onlyFields();
        in.finish();
    }

    /** The media type of the body without parameters, lower-case; empty when absent. */
    public String contentType() {
        return header("content-type").map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    }
}
