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

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import id.dinsos.rentan.application.DecreeImports;
import id.dinsos.rentan.dynamodb.DynamoDbDecreeImportStore;
import id.dinsos.rentan.http.Json;
import id.dinsos.rentan.port.ImportFiles;
import id.dinsos.rentan.port.ImportQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
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
    private final ImportWorker importWorker;

    /** Used by the Lambda runtime: reads TABLE_NAME, PROGRAMME_ID and the optional local settings. */
    public RegistrationHandler() {
        this(Settings.fromEnvironment());
        // Inside Lambda every log line becomes one JSON object, with the request at hand (http/JsonLogs).
        JsonLogs.installInLambda();
    }

    private RegistrationHandler(Settings settings) {
        this(AwsClients.dynamo(settings.dynamoEndpoint()), settings.tableName(), settings.programmeId(), settings.clock(),
                EmfMetrics.forEnvironment(), importFilesFromEnvironment(), importQueueFromEnvironment());
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

    /** With the metrics to count into (EMF on standard output in Lambda, a recorder in tests); imports in a local folder. */
    public RegistrationHandler(DynamoDbClient dynamo, String table, String programmeId, Clock clock, Metrics metrics) {
        this(dynamo, table, programmeId, clock, metrics, importFilesFromEnvironment(), null);
    }

    /**
     * With where import files lie (S3 in AWS, a folder locally) and the queue of import chunks (SQS in
     * AWS; null runs the chunks in-process, one after another).
     */
    RegistrationHandler(DynamoDbClient dynamo, String table, String programmeId, Clock clock, Metrics metrics,
                        ImportFiles importFiles, ImportQueue importQueue) {
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
        ImportDecreeList importList = new ImportDecreeList(programmes, registrations, clock, metrics);
        InProcessImportQueue inProcess = importQueue == null ? new InProcessImportQueue() : null;
        DecreeImports decreeImports = new DecreeImports(programmes, new DynamoDbDecreeImportStore(dynamo, table), importFiles,
                importQueue == null ? inProcess : importQueue, DecreeCsv::read, CsvFile::rowStarts, importList, clock);
        if (inProcess != null) {
            inProcess.workWith(decreeImports);
        }
        this.importWorker = new ImportWorker(decreeImports);
        this.router = new ImportEndpoints(programmeId, decreeImports).routes(
                endpoints.routes(new Router(new DynamoDbIdempotencyStore(dynamo, table)).withMetrics(metrics, programmeId)));
    }

    /**
     * In AWS (IMPORT_BUCKET set by template.yaml): the stack's ImportBucket. Elsewhere a folder: the
     * system property IMPORT_FOLDER (the local runner's data folder) or a temporary one, with upload
     * URLs on IMPORT_UPLOAD_BASE (the local runner's address).
     */
    static ImportFiles importFilesFromEnvironment() {
        String bucket = System.getenv("IMPORT_BUCKET");
        if (bucket != null && !bucket.isBlank()) {
            return S3ImportFiles.inAws(bucket);
        }
        String folder = System.getProperty("IMPORT_FOLDER");
        Path path = folder == null || folder.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "rentan-imports") : Path.of(folder);
        return new FolderImportFiles(path, () -> System.getProperty("IMPORT_UPLOAD_BASE", "http://127.0.0.1:3000"));
    }

    /** Read from the real environment only: the local runner runs the chunks in-process. */
    private static ImportQueue importQueueFromEnvironment() {
        String url = System.getenv("IMPORT_QUEUE_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        return new SqsImportQueue(() -> AwsClients.configure(SqsClient.builder()).credentialsProvider(AwsClients.credentials()).build(), url);
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
        byte[] event = input.readAllBytes();
        if (isQueueEvent(event)) {
            // The import queue (template.yaml: ImportQueue): uploads that arrived and chunks of imports.
            Json.MAPPER.writeValue(output, importWorker.handle(Json.MAPPER.readTree(event).path("Records"),
                    context == null ? null : context.getAwsRequestId()));
            return;
        }
        ApiEvents.write(handleRequest(ApiEvents.read(new ByteArrayInputStream(event)), context), output);
    }

    /** An SQS event has a top-level "Records"; an API event a "routeKey". Reads field names only, up to the first of them. */
    static boolean isQueueEvent(byte[] event) throws IOException {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(event)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (name.equals("Records")) {
                    return true;
                }
                if (name.equals("routeKey")) {
                    return false;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return false;
        }
    }
}
