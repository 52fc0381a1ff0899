package id.dinsos.rentan.registration;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import id.dinsos.rentan.application.DecideRegistration;
import id.dinsos.rentan.application.EndRegistration;
import id.dinsos.rentan.application.FindRegistrations;
import id.dinsos.rentan.application.ImportDecreeList;
import id.dinsos.rentan.application.Lapses;
import id.dinsos.rentan.application.Ledger;
import id.dinsos.rentan.application.ProgrammeSettings;
import id.dinsos.rentan.application.RecordKpjNumbers;
import id.dinsos.rentan.application.RegisterApplicant;
import id.dinsos.rentan.application.Waitlist;
import id.dinsos.rentan.config.AwsClients;
import id.dinsos.rentan.config.Settings;
import id.dinsos.rentan.config.SnapStart;
import id.dinsos.rentan.http.JsonLogs;
import id.dinsos.rentan.dynamodb.DynamoDbIdempotencyStore;
import id.dinsos.rentan.dynamodb.DynamoDbLedgerStore;
import id.dinsos.rentan.dynamodb.DynamoDbProgrammeStore;
import id.dinsos.rentan.dynamodb.DynamoDbRegistrationStore;
import id.dinsos.rentan.http.ApiEvents;
import id.dinsos.rentan.http.EmfMetrics;
import id.dinsos.rentan.http.PrimingRequest;
import id.dinsos.rentan.http.Router;
import id.dinsos.rentan.port.Metrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;

/**
 * Lambda entry point for registration routes (API Gateway HTTP API, payload 2.0). Everything is
 * wired once per container in the constructor; a request only dispatches.
 */
public final class RegistrationHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>,
        RequestStreamHandler {
    private final Router router;

    /** Used by the Lambda runtime: reads TABLE_NAME, PROGRAMME_ID and the optional local settings. */
    public RegistrationHandler() {
        this(Settings.fromEnvironment());
        // Inside Lambda every log line becomes one JSON object, with the request at hand (http/JsonLogs).
        JsonLogs.installInLambda();
    }

    private RegistrationHandler(Settings settings) {
        this(AwsClients.dynamo(settings.dynamoEndpoint()), settings.tableName(), settings.programmeId(), settings.clock(),
                EmfMetrics.forEnvironment());
        // A twin without metrics primes, so that the refusals it provokes are never counted in CloudWatch.
        SnapStart.beforeSnapshot("priming the registration routes", () -> prime(new RegistrationHandler(
                AwsClients.dynamo(settings.dynamoEndpoint()), settings.tableName(), settings.programmeId(), settings.clock())));
    }

    /**
     * Before a SnapStart snapshot: each kind of route once, with requests that only read (an unknown
     * id, an invalid body), so that the snapshot holds their classes, Jackson's serialisers, the
     * SDK's pipeline and a resolved credential, and the first caller after a restore pays none of it.
     * Returns the statuses answered (RegistrationPrimingTest).
     */
    static List<Integer> prime(RegistrationHandler handler) {
        String none = PrimingRequest.NO_SUCH_ID;
        return PrimingRequest.sendAll(handler, List.of(
                PrimingRequest.staff("GET /programme", "/programme"),
                PrimingRequest.staff("GET /registrations", "/registrations").query("status", "ACTIVE").query("limit", "1"),
                PrimingRequest.staff("GET /registrations/{id}", "/registrations/" + none).pathParameter("id", none),
                PrimingRequest.staff("POST /registrations/search", "/registrations/search").body("{\"nik\": \"3671010101010001\"}"),
                PrimingRequest.staff("POST /registrations", "/registrations").body("{}"),
                PrimingRequest.staff("POST /registrations/{id}/approve", "/registrations/" + none + "/approve").pathParameter("id", none),
                PrimingRequest.staff("PUT /programme", "/programme").body("{}")));
    }

    /** For tests and the local runner: a given client, table, programme and clock; no metrics. */
    public RegistrationHandler(DynamoDbClient dynamo, String table, String programmeId, Clock clock) {
        this(dynamo, table, programmeId, clock, Metrics.NONE);
    }

    /** With the metrics to count into (EMF on standard output in Lambda, a recorder in tests). */
    public RegistrationHandler(DynamoDbClient dynamo, String table, String programmeId, Clock clock, Metrics metrics) {
        DynamoDbProgrammeStore programmes = new DynamoDbProgrammeStore(dynamo, table);
        DynamoDbRegistrationStore registrations = new DynamoDbRegistrationStore(dynamo, table);
        DynamoDbLedgerStore ledgerStore = new DynamoDbLedgerStore(dynamo, table);
        Ledger ledger = new Ledger(ledgerStore, clock);
        FindRegistrations find = new FindRegistrations(registrations, ledger);
        Waitlist waitlist = new Waitlist(programmes, registrations, clock, metrics);
        RegistrationEndpoints endpoints = new RegistrationEndpoints(programmeId,
                new ProgrammeSettings(programmes, waitlist, ledger),
                new RegisterApplicant(programmes, registrations, clock, metrics),
                new DecideRegistration(programmes, registrations, find, waitlist, clock, metrics),
                new EndRegistration(registrations, waitlist, find, clock, metrics),
                find,
                new ImportDecreeList(programmes, registrations, clock, metrics),
                new RecordKpjNumbers(programmes, registrations),
                new Lapses(programmes, registrations, ledgerStore, ledger, clock, metrics),
                clock);
        this.router = endpoints.routes(new Router(new DynamoDbIdempotencyStore(dynamo, table)).withMetrics(metrics, programmeId));
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
}
