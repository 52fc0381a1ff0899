package id.dinsos.rentan.claims;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import id.dinsos.rentan.application.CheckClaim;
import id.dinsos.rentan.application.Ledger;
import id.dinsos.rentan.config.AwsClients;
import id.dinsos.rentan.config.Settings;
import id.dinsos.rentan.config.SnapStart;
import id.dinsos.rentan.http.JsonLogs;
import id.dinsos.rentan.domain.ClaimCheck;
import id.dinsos.rentan.domain.ClaimRules;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.dynamodb.DynamoDbClaimCheckStore;
import id.dinsos.rentan.dynamodb.DynamoDbIdempotencyStore;
import id.dinsos.rentan.dynamodb.DynamoDbLedgerStore;
import id.dinsos.rentan.dynamodb.DynamoDbProgrammeStore;
import id.dinsos.rentan.dynamodb.DynamoDbRegistrationStore;
import id.dinsos.rentan.dynamodb.PrimingTable;
import id.dinsos.rentan.http.ApiRequest;
import id.dinsos.rentan.http.ApiEvents;
import id.dinsos.rentan.http.EmfMetrics;
import id.dinsos.rentan.http.HttpResult;
import id.dinsos.rentan.http.Principal;
import id.dinsos.rentan.http.PrimingRequest;
import id.dinsos.rentan.http.QueryParameters;
import id.dinsos.rentan.http.Role;
import id.dinsos.rentan.http.Router;
import id.dinsos.rentan.port.Metrics;
import id.dinsos.rentan.port.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lambda entry point for claim checks (API Gateway HTTP API, payload 2.0): {@code POST /claims/checks}
 * for the portal and staff, {@code GET /claims/checks} and {@code GET /claims/checks/{id}} for staff. Wired once per container.
 */
public final class ClaimCheckHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>,
        RequestStreamHandler {
    private final Router router;
    private final CheckClaim checkClaim;
    private final String programmeId;
    private final Clock clock;

    public ClaimCheckHandler() {
        this(Settings.fromEnvironment());
        // Inside Lambda every log line becomes one JSON object, with the request at hand (http/JsonLogs).
        JsonLogs.installInLambda();
    }

    private ClaimCheckHandler(Settings settings) {
        this(AwsClients.dynamo(settings.dynamoEndpoint()), settings.tableName(), settings.programmeId(), settings.clock(),
                EmfMetrics.forEnvironment());
        // A twin without metrics primes, so that the refusals it provokes are never counted in CloudWatch.
        SnapStart.beforeSnapshot("priming the claim-check routes", () -> prime(new ClaimCheckHandler(
                AwsClients.dynamo(settings.dynamoEndpoint()), settings.tableName(), settings.programmeId(), settings.clock())));
        SnapStart.beforeSnapshot("priming the claim-check routes' success paths, in memory", () -> primeInMemory(
                settings.dynamoEndpoint(), settings.tableName(), PrimingTable.withSyntheticProgramme(settings.programmeId())));
    }

    /**
     * Before a SnapStart snapshot, after {@link #prime}: what a read-only request cannot reach and the
     * first real check otherwise pays for, the assessment, the 201 answer and the writes of the check
     * and of its idempotency record, then the check read back and listed. Sent to a twin on {@code table},
     * an in-memory stand-in for DynamoDB with a synthetic programme and its own clock, so nothing is
     * written to (or read from) the real table. A JKM and a JKK check, as the two assess differently.
     * Returns the statuses answered (ClaimCheckPrimingTest).
     */
    static List<Integer> primeInMemory(Optional<URI> endpoint, String tableName, PrimingTable table) {
        try (DynamoDbClient inMemory = AwsClients.dynamoOver(endpoint, table)) {
            ClaimCheckHandler twin = new ClaimCheckHandler(inMemory, tableName, table.programmeId(), PrimingTable.CLOCK);
            String registration = "{\"registrationId\": \"" + PrimingTable.REGISTRATION_ID + "\", ";
            JsonNode jkm = PrimingRequest.send(twin, PrimingRequest.staff("POST /claims/checks", "/claims/checks")
                    .header("idempotency-key", PrimingRequest.REQUEST_ID + "-jkm")
                    .body(registration + "\"type\": \"JKM\", \"eventDate\": \"2025-07-03\", \"cause\": \"priming\"}"));
            JsonNode jkk = PrimingRequest.send(twin, PrimingRequest.staff("POST /claims/checks", "/claims/checks")
                    .header("idempotency-key", PrimingRequest.REQUEST_ID + "-jkk")
                    .body(registration + "\"type\": \"JKK\", \"eventDate\": \"2025-05-20\", \"cause\": \"priming\", "
                            + "\"outcome\": \"DEATH\", \"reportedOn\": \"2025-05-21\", \"transport\": \"LAND\"}"));
            String id = jkm.path("headers").path("Location").asText().replace("/claims/checks/", "");
            List<Integer> statuses = new ArrayList<>(List.of(jkm.path("statusCode").asInt(), jkk.path("statusCode").asInt()));
            statuses.addAll(PrimingRequest.sendAll(twin, List.of(
                    PrimingRequest.staff("GET /claims/checks/{id}", "/claims/checks/" + id).pathParameter("id", id),
                    PrimingRequest.staff("GET /claims/checks", "/claims/checks").query("limit", "10"))));
            return statuses;
        }
    }

    /**
     * Before a SnapStart snapshot: both routes once, with requests that only read (an unknown check, a
     * check that fails validation: a valid one would be recorded), so that the snapshot holds their
     * classes, Jackson's serialisers, the SDK's pipeline and a resolved credential. Returns the
     * statuses answered (ClaimCheckPrimingTest).
     */
    static List<Integer> prime(ClaimCheckHandler handler) {
        String none = PrimingRequest.NO_SUCH_ID;
        return PrimingRequest.sendAll(handler, List.of(
                PrimingRequest.staff("GET /claims/checks/{id}", "/claims/checks/" + none).pathParameter("id", none),
                PrimingRequest.staff("POST /claims/checks", "/claims/checks").body("{\"registrationId\": \"" + none
                        + "\", \"type\": \"JKM\", \"eventDate\": \"not a date\"}")));
    }

    /** For tests and the local runner: a given client, table, programme and clock; no metrics. */
    public ClaimCheckHandler(DynamoDbClient dynamo, String table, String programmeId, Clock clock) {
        this(dynamo, table, programmeId, clock, Metrics.NONE);
    }

    /** With the metrics to count into (EMF on standard output in Lambda, a recorder in tests). */
    public ClaimCheckHandler(DynamoDbClient dynamo, String table, String programmeId, Clock clock, Metrics metrics) {
        this.programmeId = programmeId;
        this.clock = clock;
        this.checkClaim = new CheckClaim(new DynamoDbProgrammeStore(dynamo, table), new DynamoDbRegistrationStore(dynamo, table),
                new Ledger(new DynamoDbLedgerStore(dynamo, table), clock), new DynamoDbClaimCheckStore(dynamo, table), ClaimRules.TABLE, clock,
                metrics);
        this.router = new Router(new DynamoDbIdempotencyStore(dynamo, table)).withMetrics(metrics, programmeId)
                .route("POST /claims/checks", Set.of(Role.STAFF, Role.PORTAL), this::check)
                .route("GET /claims/checks", Set.of(Role.STAFF), this::list)
                .route("GET /claims/checks/{id}", Set.of(Role.STAFF), this::get);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        // The idempotency claim of a request lasts as long as this invocation can (Router.handle).
        return context == null ? router.handle(event) : router.handle(event, context.getRemainingTimeInMillis());
    }

    /**
     * What the Lambda runtime calls: of the public {@code handleRequest} methods that template.yaml's
     * {@code Handler} names, it takes the one with the longest parameter list, this one. The event and
     * the answer are the same JSON as through the typed method, read and written with our own Jackson
     * instead of the runtime's event mapper, which would cost every cold start its set-up (ApiEvents).
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ApiEvents.write(handleRequest(ApiEvents.read(input), context), output);
    }

    private HttpResult check(ApiRequest request, Principal principal) {
        request.requireJsonBody();
        ClaimJson.Input input = ClaimJson.read(request.body(), ProgrammeTime.today(clock));
        // Every check is recorded, so the answer is a new resource; known before the write, it is recorded with the
        // check for a request with an Idempotency-Key (one DynamoDB call fewer than recording it afterwards).
        Map<ClaimCheck, HttpResult> answers = new java.util.IdentityHashMap<>();
        CheckClaim.Checked checked = checkClaim.check(programmeId, input.subject().registrationId(), input.subject().nik(),
                input.request(), principal.actor(),
                check -> request.receiptFor(answers.computeIfAbsent(check, c -> created(c, principal))).orElse(null));
        if (checked.answerRecorded()) {
            request.answerRecorded();
        }
        return answers.computeIfAbsent(checked.check(), c -> created(c, principal));
    }

    private static HttpResult created(ClaimCheck check, Principal principal) {
        return HttpResult.json(201, ClaimJson.of(check, principal.isStaff())).withHeader("Location", "/claims/checks/" + check.id());
    }

    /** The recorded checks, newest first, {@code limit} a page; each as {@code GET /claims/checks/{id}} returns it. */
    private HttpResult list(ApiRequest request, Principal principal) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        QueryParameters.onlyKnown(request, LIST_PARAMETERS, errors);
        int limit = QueryParameters.limit(request, errors);
        String cursor = QueryParameters.cursor(request, errors);
        QueryParameters.finish(errors);
        Page<ClaimCheck> page = checkClaim.list(programmeId, limit, cursor);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(c -> ClaimJson.of(c, true)).toList());
        if (page.nextCursor() != null) {
            body.put("nextCursor", page.nextCursor());
        }
        return HttpResult.json(200, body);
    }

    private static final Set<String> LIST_PARAMETERS = Set.of("limit", "cursor");

    private HttpResult get(ApiRequest request, Principal principal) {
        return HttpResult.json(200, ClaimJson.of(checkClaim.get(request.pathParameter("id")), true));
    }
}
