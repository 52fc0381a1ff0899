package id.dinsos.rentan.claims;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import id.dinsos.rentan.application.CheckClaim;
import id.dinsos.rentan.application.Ledger;
import id.dinsos.rentan.config.AwsClients;
import id.dinsos.rentan.config.Settings;
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
import id.dinsos.rentan.http.ApiRequest;
import id.dinsos.rentan.http.EmfMetrics;
import id.dinsos.rentan.http.HttpResult;
import id.dinsos.rentan.http.Principal;
import id.dinsos.rentan.http.QueryParameters;
import id.dinsos.rentan.http.Role;
import id.dinsos.rentan.http.Router;
import id.dinsos.rentan.port.Metrics;
import id.dinsos.rentan.port.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lambda entry point for claim checks (API Gateway HTTP API, payload 2.0): {@code POST /claims/checks}
 * for the portal and staff, {@code GET /claims/checks} and {@code GET /claims/checks/{id}} for staff. Wired once per container.
 */
public final class ClaimCheckHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
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

    private HttpResult check(ApiRequest request, Principal principal) {
        request.requireJsonBody();
        ClaimJson.Input input = ClaimJson.read(request.body(), ProgrammeTime.today(clock));
        ClaimCheck check = checkClaim.check(programmeId, input.subject().registrationId(), input.subject().nik(), input.request(),
                principal.actor());
        // Every check is recorded, so the answer is a new resource.
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
