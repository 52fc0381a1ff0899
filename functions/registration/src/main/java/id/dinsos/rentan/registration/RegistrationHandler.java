package id.dinsos.rentan.registration;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
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
import id.dinsos.rentan.http.JsonLogs;
import id.dinsos.rentan.dynamodb.DynamoDbIdempotencyStore;
import id.dinsos.rentan.dynamodb.DynamoDbLedgerStore;
import id.dinsos.rentan.dynamodb.DynamoDbProgrammeStore;
import id.dinsos.rentan.dynamodb.DynamoDbRegistrationStore;
import id.dinsos.rentan.http.EmfMetrics;
import id.dinsos.rentan.http.Router;
import id.dinsos.rentan.port.Metrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * Lambda entry point for registration routes (API Gateway HTTP API, payload 2.0). Everything is
 * wired once per container in the constructor; a request only dispatches.
 */
public final class RegistrationHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
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
}
