package id.dinsos.rentan.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import id.dinsos.rentan.devkit.CapturedLog;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.dynamodb.DynamoDbIdempotencyStore;
import id.dinsos.rentan.testsupport.LocalDynamo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/** Routing, roles, problem details and Idempotency-Key handling, with the idempotency store on DynamoDB Local. */
class RouterTest {
    private static DynamoDbClient client;
    private static String table;

    private final AtomicInteger calls = new AtomicInteger();
    private Router router;
    private RuntimeException failure;
    /** Every count the router made: name, value and dimensions. */
    private final List<String> counted = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void startDynamo() {
        client = DynamoDbLocal.embedded();
        table = LocalDynamo.newTable(client, "router");
    }

    @AfterAll
    static void stopDynamo() {
        client.close();
    }

    @BeforeEach
    void setUp() {
        failure = null;
        counted.clear();
        router = new Router(new DynamoDbIdempotencyStore(client, table), Clock.systemUTC())
                .withMetrics((name, value, dimensions) -> counted.add(name + "=" + value + " " + dimensions), "kota-tangerang")
                .route("POST /things", Set.of(Role.STAFF, Role.PORTAL), (request, principal) -> {
                    int n = calls.incrementAndGet();
                    if (failure != null) {
                        throw failure;
                    }
                    return HttpResult.json(201, Map.of("call", n, "by", principal.actor().label()));
                })
                .route("GET /staff-only", Set.of(Role.STAFF), (request, principal) -> HttpResult.json(200, Map.of()));
    }

    private static APIGatewayV2HTTPEvent event(String routeKey, String body, Map<String, String> claims, String key) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRouteKey(routeKey);
        e.setRawPath(routeKey.split(" ", 2)[1]);
        e.setBody(body);
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        e.setHeaders(headers);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("req-" + UUID.randomUUID());
        if (claims != null) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
            jwt.setClaims(claims);
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setJwt(jwt);
            context.setAuthorizer(authorizer);
        }
        e.setRequestContext(context);
        return e;
    }

    private static Map<String, String> staff(String sub) {
        return Map.of("sub", sub, "name", "petugas.dinsos", "cognito:groups", "[dinsos-staff]", "token_use", "id");
    }

    private static Map<String, String> portal() {
        return Map.of("sub", "portal-client-0001", "client_id", "portalclientexample", "scope", "portal/citizen");
    }

    private static JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.MAPPER.readTree(r.getBody());
    }

    @Test
    void sameKeyAndBody_runsOnce_andReplaysTheFirstResponse() throws Exception {
        String key = UUID.randomUUID().toString();
        APIGatewayV2HTTPResponse first = router.handle(event("POST /things", "{\"a\":1}", staff("s1"), key));
        APIGatewayV2HTTPResponse second = router.handle(event("POST /things", "{\"a\":1}", staff("s1"), key));
        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(second.getStatusCode()).isEqualTo(201);
        assertThat(second.getBody()).isEqualTo(first.getBody());
        assertThat(second.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void sameKeyWithAnotherBody_is422IdempotencyKeyReused() throws Exception {
        String key = UUID.randomUUID().toString();
        router.handle(event("POST /things", "{\"a\":1}", staff("s1"), key));
        APIGatewayV2HTTPResponse other = router.handle(event("POST /things", "{\"a\":2}", staff("s1"), key));
        assertThat(other.getStatusCode()).isEqualTo(422);
        assertThat(body(other).path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void withoutAKey_everyRequestRuns() {
        router.handle(event("POST /things", "{}", staff("s1"), null));
        router.handle(event("POST /things", "{}", staff("s1"), null));
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void keys_areScopedToTheCaller() {
        String key = UUID.randomUUID().toString();
        router.handle(event("POST /things", "{}", staff("s1"), key));
        APIGatewayV2HTTPResponse other = router.handle(event("POST /things", "{}", staff("s2"), key));
        assertThat(other.getHeaders()).doesNotContainKey("Idempotent-Replayed");
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void aRefusal_isStoredAndReplayed_likeASuccess() throws Exception {
        failure = new Refusal.Conflict("ALREADY_REGISTERED", "taken");
        String key = UUID.randomUUID().toString();
        APIGatewayV2HTTPResponse first = router.handle(event("POST /things", "{}", staff("s1"), key));
        failure = null;
        APIGatewayV2HTTPResponse again = router.handle(event("POST /things", "{}", staff("s1"), key));
        assertThat(first.getStatusCode()).isEqualTo(409);
        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void aFaultOfOurs_is500WithTheRequestIdOnly_andReleasesTheKeySoTheRetryRuns() throws Exception {
        IllegalStateException fault = new IllegalStateException("secret table name and NIK 3671014507850001");
        failure = fault;
        String key = UUID.randomUUID().toString();
        APIGatewayV2HTTPEvent event = event("POST /things", "{}", staff("s1"), key);
        String requestId = event.getRequestContext().getRequestId();
        APIGatewayV2HTTPResponse first;
        try (CapturedLog log = CapturedLog.of(Problems.class)) {
            first = router.handle(event);
            // The fault is logged once, as an error, with the request id and the whole exception (stack trace)...
            assertThat(log.records()).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
                assertThat(r.getThrown()).isSameAs(fault);
                assertThat(CapturedLog.message(r)).contains(requestId).contains("POST /things")
                        // ...but the log line itself repeats nothing of the exception's text, and no NIK.
                        .doesNotContain("secret").doesNotContain("3671014507850001").doesNotContainPattern("\\d{16}");
            });
        }
        assertThat(first.getStatusCode()).isEqualTo(500);
        assertThat(first.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = body(first);
        assertThat(problem.path("code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(problem.path("detail").asText()).contains(requestId);
        assertThat(first.getBody()).doesNotContain("secret").doesNotContain("3671014507850001").doesNotContain("IllegalState");

        failure = null;
        APIGatewayV2HTTPResponse retry = router.handle(event("POST /things", "{}", staff("s1"), key));
        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void aKeyStillBeingHandled_is409InProgress() throws Exception {
        String key = UUID.randomUUID().toString();
        // Another invocation with the same request claimed the key and has not answered yet.
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("POST /things\n{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        // The record is scoped by the caller: the hash of the token's subject (bounded, whatever the subject holds).
        String subject = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("s1".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        new DynamoDbIdempotencyStore(client, table).claim(subject + "#" + key, hash, java.time.Instant.now().plusSeconds(60));
        APIGatewayV2HTTPResponse r = router.handle(event("POST /things", "{}", staff("s1"), key));
        assertThat(r.getStatusCode()).isEqualTo(409);
        assertThat(body(r).path("code").asText()).isEqualTo("IDEMPOTENCY_REQUEST_IN_PROGRESS");
        assertThat(calls.get()).isZero();
    }

    @Test
    void anInvalidKey_is400() throws Exception {
        APIGatewayV2HTTPResponse r = router.handle(event("POST /things", "{}", staff("s1"), "has spaces in it"));
        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(body(r).path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void noClaims_is401_wrongRole_is403_unknownRoute_is404() throws Exception {
        assertThat(router.handle(event("POST /things", "{}", null, null)).getStatusCode()).isEqualTo(401);
        APIGatewayV2HTTPResponse forbidden = router.handle(event("GET /staff-only", null, portal(), null));
        assertThat(forbidden.getStatusCode()).isEqualTo(403);
        assertThat(body(forbidden).path("code").asText()).isEqualTo("FORBIDDEN");
        APIGatewayV2HTTPResponse unknown = router.handle(event("DELETE /things", null, staff("s1"), null));
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(body(unknown).path("code").asText()).isEqualTo("ROUTE_NOT_FOUND");
        assertThat(calls.get()).isZero();
    }

    @Test
    void aStaffAccessToken_is403_sayingToSendTheIdToken() throws Exception {
        Map<String, String> access = Map.of("sub", "s1", "username", "7d4c2a10-0000-4000-8000-000000000001",
                "cognito:groups", "[dinsos-staff]", "client_id", "staffclientexample", "token_use", "access");
        APIGatewayV2HTTPResponse r = router.handle(event("GET /staff-only", null, access, null));
        assertThat(r.getStatusCode()).isEqualTo(403);
        assertThat(body(r).path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(body(r).path("detail").asText()).contains("ID token");
    }

    @Test
    void aTokenWithBothRoles_actsAsStaff() throws Exception {
        Map<String, String> both = new HashMap<>(staff("s1"));
        both.put("scope", "portal/citizen");
        APIGatewayV2HTTPResponse r = router.handle(event("POST /things", "{}", both, null));
        assertThat(body(r).path("by").asText()).isEqualTo("staff:petugas.dinsos");
        assertThat(router.handle(event("GET /staff-only", null, both, null)).getStatusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ bodies (issue 8)

    private static APIGatewayV2HTTPEvent withContentType(APIGatewayV2HTTPEvent e, String contentType) {
        Map<String, String> headers = new HashMap<>(e.getHeaders());
        headers.put("Content-Type", contentType);
        e.setHeaders(headers);
        return e;
    }

    @Test
    void aBodyMarkedBase64ThatIsNotBase64_is400MalformedBody_andTheEndpointNeverRuns() throws Exception {
        for (String notBase64 : List.of("{\"a\":1}", "%%%", "eyJhIjox fQ==", "eyJhIjoxfQ=")) {
            APIGatewayV2HTTPEvent event = event("POST /things", notBase64, staff("s1"), UUID.randomUUID().toString());
            event.setIsBase64Encoded(true);
            APIGatewayV2HTTPResponse r = router.handle(event);
            assertThat(r.getStatusCode()).as(notBase64).isEqualTo(400);
            assertThat(r.getHeaders()).containsEntry("Content-Type", "application/problem+json");
            assertThat(body(r).path("code").asText()).isEqualTo("MALFORMED_BODY");
        }
        assertThat(calls.get()).isZero();
    }

    @Test
    void aBase64BodyThatIsNotUtf8_is400MalformedBody() throws Exception {
        APIGatewayV2HTTPEvent event = event("POST /things", java.util.Base64.getEncoder().encodeToString(new byte[]{'{', (byte) 0xC3, '}'}),
                staff("s1"), null);
        event.setIsBase64Encoded(true);
        APIGatewayV2HTTPResponse r = router.handle(event);
        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(body(r).path("code").asText()).isEqualTo("MALFORMED_BODY");
        assertThat(calls.get()).isZero();
    }

    @Test
    void aBase64Body_isDecodedForTheEndpoint() {
        AtomicInteger seen = new AtomicInteger();
        router.route("POST /echo", Set.of(Role.STAFF), (request, principal) -> {
            seen.set(request.body().length());
            return HttpResult.json(200, Map.of("body", request.body()));
        });
        APIGatewayV2HTTPEvent event = event("POST /echo", java.util.Base64.getEncoder()
                .encodeToString("{\"nama\":\"Siti \u00e9\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), staff("s1"), null);
        event.setIsBase64Encoded(true);
        assertThat(router.handle(event).getStatusCode()).isEqualTo(200);
        assertThat(seen.get()).isEqualTo("{\"nama\":\"Siti \u00e9\"}".length());
    }

    @Test
    void aJsonBodyOverItsLimit_is413PayloadTooLarge_beforeTheEndpointRuns_evenUnderAnIdempotencyKey() throws Exception {
        String atTheLimit = "{\"a\":\"" + "x".repeat(ApiRequest.MAX_JSON_BODY_BYTES - 8) + "\"}";
        assertThat(atTheLimit.length()).isEqualTo(ApiRequest.MAX_JSON_BODY_BYTES);
        assertThat(router.handle(event("POST /things", atTheLimit, staff("s1"), null)).getStatusCode()).isEqualTo(201);
        assertThat(calls.get()).isEqualTo(1);

        String key = UUID.randomUUID().toString();
        for (String body : List.of(atTheLimit.replace("{", "{ "), "{\"a\":\"" + "x".repeat(1024 * 1024) + "\"}")) {
            APIGatewayV2HTTPResponse r = router.handle(event("POST /things", body, staff("s1"), key));
            assertThat(r.getStatusCode()).isEqualTo(413);
            assertThat(body(r).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(body(r).path("title").asText()).isEqualTo("Content Too Large");
        }
        assertThat(calls.get()).isEqualTo(1);
        // The refusal claimed nothing: the same key still works for a request of a proper size.
        assertThat(router.handle(event("POST /things", "{}", staff("s1"), key)).getStatusCode()).isEqualTo(201);
    }

    @Test
    void theBodyLimit_countsUtf8Bytes_andDecodedBase64Bytes() throws Exception {
        // 100,000 characters of three bytes each: 300,000 bytes, over 256 KiB.
        String wide = "{\"a\":\"" + "\u20ac".repeat(100_000) + "\"}";
        assertThat(router.handle(event("POST /things", wide, staff("s1"), null)).getStatusCode()).isEqualTo(413);
        String base64 = java.util.Base64.getEncoder().encodeToString(("{\"a\":\"" + "x".repeat(ApiRequest.MAX_JSON_BODY_BYTES) + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        APIGatewayV2HTTPEvent event = event("POST /things", base64, staff("s1"), null);
        event.setIsBase64Encoded(true);
        assertThat(router.handle(event).getStatusCode()).isEqualTo(413);
        assertThat(calls.get()).isZero();
    }

    @Test
    void aCsvBody_mayBeLarger_upToItsOwnLimit() throws Exception {
        String csv = "nik,kpj\n" + "3671014507850001,25031234567\n".repeat(20_000); // ~580 KB
        assertThat(router.handle(withContentType(event("POST /things", csv, staff("s1"), null), "text/csv")).getStatusCode()).isEqualTo(201);
        String tooLarge = "x".repeat(ApiRequest.MAX_CSV_BODY_BYTES + 1);
        APIGatewayV2HTTPResponse r = router.handle(withContentType(event("POST /things", tooLarge, staff("s1"), null), "text/csv; charset=utf-8"));
        assertThat(r.getStatusCode()).isEqualTo(413);
        assertThat(body(r).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void aRouteWithoutBody_takesNothingOrAnEmptyObject_415ForAnotherType_400ForAnyField() throws Exception {
        router.route("POST /approve", Set.of(Role.STAFF), (request, principal) -> {
            request.requireNoFields();
            calls.incrementAndGet();
            return HttpResult.json(200, Map.of());
        });
        assertThat(router.handle(event("POST /approve", null, staff("s1"), null)).getStatusCode()).isEqualTo(200);
        assertThat(router.handle(event("POST /approve", "", staff("s1"), null)).getStatusCode()).isEqualTo(200);
        assertThat(router.handle(event("POST /approve", " {} ", staff("s1"), null)).getStatusCode()).isEqualTo(200);
        assertThat(router.handle(withContentType(event("POST /approve", "", staff("s1"), null), "text/plain")).getStatusCode()).isEqualTo(200);
        assertThat(calls.get()).isEqualTo(4);

        APIGatewayV2HTTPResponse plain = router.handle(withContentType(event("POST /approve", "{}", staff("s1"), null), "text/plain"));
        assertThat(plain.getStatusCode()).isEqualTo(415);
        assertThat(body(plain).path("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        APIGatewayV2HTTPResponse field = router.handle(event("POST /approve", "{\"status\":\"REJECTED\"}", staff("s1"), null));
        assertThat(field.getStatusCode()).isEqualTo(400);
        assertThat(body(field).path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(body(field).path("errors").get(0).path("field").asText()).isEqualTo("status");
        assertThat(body(field).path("errors").get(0).path("code").asText()).isEqualTo("UNKNOWN_FIELD");
        assertThat(router.handle(event("POST /approve", "[]", staff("s1"), null)).getStatusCode()).isEqualTo(400);
        assertThat(calls.get()).isEqualTo(4);
    }

    @Test
    void principal_readsCognitoGroupsFlattenedOrAsJsonArray() {
        assertThat(Principal.values("[dinsos-staff other]")).containsExactly("dinsos-staff", "other");
        assertThat(Principal.values("[\"dinsos-staff\",\"other\"]")).containsExactly("dinsos-staff", "other");
        assertThat(Principal.values("portal/citizen openid")).containsExactly("portal/citizen", "openid");
        assertThat(Principal.values(null)).isEqualTo(List.of());
    }

    /** An idempotency store that records the claims' expiry and can fail to record an answer. */
    private static final class FlakyStore implements id.dinsos.rentan.port.IdempotencyStore {
        private final id.dinsos.rentan.port.IdempotencyStore delegate;
        java.time.Instant lastClaimExpiry;
        boolean failComplete;

        FlakyStore(id.dinsos.rentan.port.IdempotencyStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public java.util.Optional<Record> claim(String key, String requestHash, java.time.Instant expiresAt) {
            lastClaimExpiry = expiresAt;
            return delegate.claim(key, requestHash, expiresAt);
        }

        @Override
        public void complete(String key, StoredResponse response, java.time.Instant expiresAt) {
            if (failComplete) {
                throw new IllegalStateException("simulated: the answer could not be stored");
            }
            delegate.complete(key, response, expiresAt);
        }

        @Override
        public void release(String key) {
            delegate.release(key);
        }
    }

    @Test
    void theInProgressClaim_lastsAsLongAsTheInvocationCan_notAFixedWindow() {
        FlakyStore store = new FlakyStore(new DynamoDbIdempotencyStore(client, table));
        Router timed = new Router(store, Clock.systemUTC()).route("POST /things", Set.of(Role.STAFF), (request, principal) ->
                HttpResult.json(201, Map.of()));
        java.time.Instant before = java.time.Instant.now();
        timed.handle(event("POST /things", "{}", staff("s9"), UUID.randomUUID().toString()), 12_000);
        // The invocation's 12 s left, plus a second's margin: a retry after that may run the work again.
        assertThat(store.lastClaimExpiry).isBetween(before.plusSeconds(12), java.time.Instant.now().plusSeconds(13));
        timed.handle(event("POST /things", "{}", staff("s9"), UUID.randomUUID().toString()), 880_000);
        assertThat(store.lastClaimExpiry).isAfter(before.plusSeconds(880));
    }

    @Test
    void anAnswerThatCannotBeRecorded_stillReachesTheCaller_andTheRetryRunsAgain() {
        FlakyStore store = new FlakyStore(new DynamoDbIdempotencyStore(client, table));
        AtomicInteger work = new AtomicInteger();
        Router flaky = new Router(store, Clock.systemUTC()).route("POST /things", Set.of(Role.STAFF), (request, principal) ->
                HttpResult.json(201, Map.of("call", work.incrementAndGet())));
        store.failComplete = true;
        String key = UUID.randomUUID().toString();
        APIGatewayV2HTTPResponse first;
        try (CapturedLog log = CapturedLog.of(Router.class)) {
            first = flaky.handle(event("POST /things", "{}", staff("s8"), key));
            assertThat(log.records()).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                assertThat(log.message(r)).contains("could not record the answer").contains("POST /things");
            });
        }
        assertThat(first.getStatusCode()).as("the work is done: never a 500 for the record of it").isEqualTo(201);
        store.failComplete = false;
        APIGatewayV2HTTPResponse retry = flaky.handle(event("POST /things", "{}", staff("s8"), key));
        assertThat(retry.getStatusCode()).as("not 409 IN_PROGRESS: the key was released").isEqualTo(201);
        assertThat(work.get()).isEqualTo(2);
    }

    @Test
    void metrics_countReplays_andEvery4xxProblemByItsCode_notSuccesses() {
        String key = UUID.randomUUID().toString();
        router.handle(event("POST /things", "{\"a\":1}", staff("s1"), key));
        assertThat(counted).isEmpty();

        router.handle(event("POST /things", "{\"a\":1}", staff("s1"), key));
        assertThat(counted).containsExactly("IdempotentReplays=1 {Programme=kota-tangerang}");

        counted.clear();
        router.handle(event("GET /staff-only", null, portal(), null));
        router.handle(event("GET /nowhere", null, staff("s1"), null));
        failure = new Refusal.Conflict("ALREADY_REGISTERED", "taken");
        router.handle(event("POST /things", "{}", staff("s1"), null));
        assertThat(counted).containsExactly(
                "Refusals=1 {Programme=kota-tangerang, Code=FORBIDDEN}",
                "Refusals=1 {Programme=kota-tangerang, Code=ROUTE_NOT_FOUND}",
                "Refusals=1 {Programme=kota-tangerang, Code=ALREADY_REGISTERED}");
    }
}
