package id.dinsos.rentan.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.port.IdempotencyStore;
import id.dinsos.rentan.port.Metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dispatches an API Gateway request by its route key to an endpoint, after checking identity, role
 * and the body's size and encoding, and makes every POST safe to retry with an {@code Idempotency-Key}.
 * Every failure leaves through {@link Problems}, so no endpoint formats an error itself.
 */
public final class Router {
    private static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);
    /**
     * Without an invocation context (tests), a claim whose request never finished frees its key
     * after this long: the HTTP API gives up on a request after 30 s.
     */
    static final Duration DEFAULT_IN_PROGRESS_WINDOW = Duration.ofSeconds(30);
    /** Past the invocation's end, a margin for clocks that disagree a little. */
    private static final Duration IN_PROGRESS_MARGIN = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    /** One route's work: parse, call a use case, map the result. */
    @FunctionalInterface
    public interface Endpoint {
        HttpResult handle(ApiRequest request, Principal principal);
    }

    private record Route(Set<Role> roles, Endpoint endpoint) {
    }

    private final Map<String, Route> routes = new HashMap<>();
    private final IdempotencyStore idempotency;
    private final Clock clock;
    private Metrics metrics = Metrics.NONE;
    private String programmeId;

    /**
     * Idempotency records expire in real time (the store and DynamoDB's TTL compare with the wall
     * clock), so the router keeps its own system clock and never takes the programme clock, which a
     * test or the local runner's --today may have moved to another date.
     */
    public Router(IdempotencyStore idempotency) {
        this(idempotency, Clock.systemUTC());
    }

    /** For tests that need to move the wall clock; it must agree with the store's idea of now. */
    Router(IdempotencyStore idempotency, Clock clock) {
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /**
     * Counts {@code IdempotentReplays} and every 4xx problem as {@code Refusals} (by {@code Code}) for
     * {@code programmeId}, the programme this function serves.
     */
    public Router withMetrics(Metrics metrics, String programmeId) {
        this.metrics = metrics;
        this.programmeId = programmeId;
        return this;
    }

    public Router route(String routeKey, Set<Role> roles, Endpoint endpoint) {
        routes.put(routeKey, new Route(EnumSet.copyOf(roles), endpoint));
        return this;
    }

    public Set<String> routeKeys() {
        return routes.keySet();
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handle(event, DEFAULT_IN_PROGRESS_WINDOW.toMillis());
    }

    /**
     * @param remainingMillis what is left of the invocation (Lambda's
     *                        {@code Context.getRemainingTimeInMillis()}): an idempotency claim of this
     *                        request expires when the invocation must have ended, as Powertools'
     *                        idempotency does, so a retry after a timed-out invocation runs the work
     *                        and no retry runs beside a request still at work
     */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, long remainingMillis) {
        long started = System.nanoTime();
        ApiRequest request = new ApiRequest(event);
        JsonLogs.beginRequest(request.requestId(), request.routeKey());
        HttpResult result;
        try {
            result = dispatch(request, Duration.ofMillis(Math.max(0, remainingMillis)).plus(IN_PROGRESS_MARGIN));
        } catch (RuntimeException | Error failure) {
            result = Problems.from(failure, request);
        }
        countRefusal(result);
        JsonLogs.endRequest(result.status(), (System.nanoTime() - started) / 1_000_000);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(result.status())
                .withHeaders(new HashMap<>(result.headers()))
                .withBody(result.body())
                .withIsBase64Encoded(false)
                .build();
    }

    private HttpResult dispatch(ApiRequest request, Duration inProgressWindow) {
        Route route = routes.get(request.routeKey());
        if (route == null) {
            throw new HttpProblem(404, "ROUTE_NOT_FOUND", "No such route: " + request.routeKey());
        }
        Principal principal = request.principal().orElseThrow(HttpProblem::unauthenticated);
        if (route.roles().stream().noneMatch(principal::has)) {
            throw HttpProblem.forbidden(principal.forbiddenDetail(route.roles()));
        }
        // The one body check of every route (413, 400 MALFORMED_BODY), before any use case or idempotency record.
        request.requireAcceptableBody();
        Optional<String> key = request.header("idempotency-key");
        if (!"POST".equals(request.method()) || key.isEmpty()) {
            return route.endpoint().handle(request, principal);
        }
        return idempotent(request, principal, route, key.get(), inProgressWindow);
    }

    /** Same key and same request: the first response again. Same key, other request: 422. */
    private HttpResult idempotent(ApiRequest request, Principal principal, Route route, String key, Duration inProgressWindow) {
        if (key.isBlank() || key.length() > 255 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new Refusal.Invalid(List.of(new Refusal.FieldError("Idempotency-Key", "INVALID_FORMAT",
                    "1 to 255 visible ASCII characters.")));
        }
        // The subject comes from the token; hashed, the record's key stays within DynamoDB's key size whatever it holds.
        String scopedKey = sha256(principal.subject()) + "#" + key;
        String hash = sha256(request.method() + " " + request.path() + "\n" + (request.body() == null ? "" : request.body()));
        Optional<IdempotencyStore.Record> earlier = idempotency.claim(scopedKey, hash, clock.instant().plus(inProgressWindow));
        if (earlier.isPresent()) {
            IdempotencyStore.Record record = earlier.get();
            if (!record.requestHash().equals(hash)) {
                throw new Refusal.RuleViolation("IDEMPOTENCY_KEY_REUSED",
                        "This Idempotency-Key was used for a different request; use a new key.");
            }
            if (record.response() == null) {
                throw new Refusal.Conflict("IDEMPOTENCY_REQUEST_IN_PROGRESS",
                        "A request with this Idempotency-Key is still being handled; retry shortly.");
            }
            IdempotencyStore.StoredResponse stored = record.response();
            if (programmeId != null) {
                metrics.count("IdempotentReplays", 1, programmeId);
            }
            return new HttpResult(stored.status(), stored.headers(), stored.body()).withHeader("Idempotent-Replayed", "true");
        }
        request.holdClaim(scopedKey, hash, clock.instant().plus(IDEMPOTENCY_WINDOW));
        HttpResult result;
        try {
            result = route.endpoint().handle(request, principal);
        } catch (RuntimeException | Error failure) {
            result = Problems.from(failure, request);
        }
        if (result.status() >= 500) {
            idempotency.release(scopedKey); // a fault of ours: let the retry do the work
            return result;
        }
        if (request.answerWasRecorded()) {
            return result; // recorded in the endpoint's own write, with its work (ApiRequest.receiptFor)
        }
        try {
            idempotency.complete(scopedKey, new IdempotencyStore.StoredResponse(result.status(), result.headers(), result.body()),
                    clock.instant().plus(IDEMPOTENCY_WINDOW));
        } catch (RuntimeException recordingFailed) {
            // The work is done: its answer goes back to the caller whatever happened to the record of it.
            // A retry with this key then finds no record and asks again, which the use cases answer
            // without doing the work twice (their writes are conditional).
            LOG.log(System.Logger.Level.WARNING, "could not record the answer of " + request.routeKey()
                    + " (request " + request.requestId() + ") for replay; the key is released", recordingFailed);
            try {
                idempotency.release(scopedKey);
            } catch (RuntimeException alsoFailed) {
                LOG.log(System.Logger.Level.WARNING, "could not release the idempotency key either; it expires with the invocation",
                        alsoFailed);
            }
        }
        return result;
    }

    /** A 4xx answer is a problem document ({@link Problems}); its {@code code} is one of a fixed set, never caller text. */
    private void countRefusal(HttpResult result) {
        if (programmeId == null || result.status() < 400 || result.status() >= 500) {
            return;
        }
        String code;
        try {
            code = Json.MAPPER.readTree(result.body()).path("code").asText("");
        } catch (java.io.IOException | RuntimeException notAProblem) {
            code = "";
        }
        metrics.count("Refusals", 1, programmeId, "Code", code.matches("[A-Z][A-Z0-9_]{0,63}") ? code : "UNKNOWN");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
