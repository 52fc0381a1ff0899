package id.dinsos.rentan.subsidy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.application.Ledger;
import id.dinsos.rentan.application.MonthlyBill;
import id.dinsos.rentan.files.InMemoryBillFiles;
import id.dinsos.rentan.port.BillFiles;
import id.dinsos.rentan.application.MonthlyRunView;
import id.dinsos.rentan.application.RecordPayment;
import id.dinsos.rentan.application.RunMonth;
import id.dinsos.rentan.application.Lapses;
import id.dinsos.rentan.application.OverdueBills;
import id.dinsos.rentan.application.RunSegment;
import id.dinsos.rentan.config.AwsClients;
import id.dinsos.rentan.config.Settings;
import id.dinsos.rentan.config.SnapStart;
import id.dinsos.rentan.http.JsonLogs;
import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.dynamodb.DynamoDbIdempotencyStore;
import id.dinsos.rentan.dynamodb.DynamoDbLedgerStore;
import id.dinsos.rentan.dynamodb.DynamoDbParticipantSource;
import id.dinsos.rentan.dynamodb.DynamoDbProgrammeStore;
import id.dinsos.rentan.dynamodb.DynamoDbRegistrationStore;
import id.dinsos.rentan.dynamodb.PrimingTable;
import id.dinsos.rentan.http.EmfMetrics;
import id.dinsos.rentan.http.Json;
import id.dinsos.rentan.http.PrimingRequest;
import id.dinsos.rentan.http.Router;
import id.dinsos.rentan.port.Metrics;
import id.dinsos.rentan.port.SegmentQueue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;

/**
 * Lambda entry point of the monthly subsidy run. One function, three kinds of event:
 * <ul>
 *   <li>API Gateway HTTP API (payload 2.0): {@code POST /runs}, {@code GET /runs/{month}}, the bill and the payment;</li>
 *   <li>the EventBridge Scheduler payload {@code {"source": "schedule", "scheduledTime": ..., "segments": N}},
 *       which runs the month the schedule fired in (Asia/Jakarta), exactly as {@code POST /runs} would;</li>
 *   <li>SQS records carrying one segment each, which write that segment's contribution lines;</li>
 *   <li>the daily EventBridge Scheduler payload {@code {"source": "schedule", "check": "overdue-bills"}}, which
 *       counts the bill parts unpaid past their due date for the {@code BillsOverdueAlarm}.</li>
 * </ul>
 * Off the API path every log line carries Lambda's request id, with the SQS message id or the
 * schedule's execution id beside it (http/JsonLogs).
 */
public final class MonthlySubsidyHandler implements RequestStreamHandler {
    /** Time kept back in each invocation to checkpoint and hand the rest of a segment on. */
    static final long RESERVE_MILLIS = 120_000;
    private static final ObjectReader HTTP_EVENT = Json.MAPPER.readerFor(APIGatewayV2HTTPEvent.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String programmeId;
    private final Router router;
    private final RunMonth runMonth;
    private final RunSegment runSegment;
    private final SegmentQueue queue;
    private final int defaultSegments;
    private final Clock clock;
    private final Metrics metrics;
    private final OverdueBills overdueBills;
    private static final System.Logger LOG = System.getLogger(MonthlySubsidyHandler.class.getName());
    /** The schedule's input names the check it runs; without one the schedule runs the month. */
    static final String OVERDUE_BILLS = "overdue-bills";

    /** Used by the Lambda runtime: SQS fan-out when SEGMENT_QUEUE_URL is set, in-process otherwise. */
    public MonthlySubsidyHandler() {
        this(Settings.fromEnvironment());
        // Inside Lambda every log line becomes one JSON object, with the request at hand (http/JsonLogs).
        JsonLogs.installInLambda();
    }

    private MonthlySubsidyHandler(Settings settings) {
        this(AwsClients.dynamo(settings.dynamoEndpoint()), settings.tableName(), settings.programmeId(), settings.clock(),
                queueFromEnvironment(), segmentsFromEnvironment(), EmfMetrics.forEnvironment(),
                // The bill files: in the bucket BILL_BUCKET names in AWS, else in memory.
                S3BillFiles.fromEnvironment().orElseGet(InMemoryBillFiles::new));
        SegmentQueue sqsQueue = this.queue;
        // A twin without metrics primes, so that the refusals it provokes are never counted in CloudWatch.
        SnapStart.beforeSnapshot("priming the monthly run's routes", () -> {
            if (sqsQueue instanceof SqsSegmentQueue sqs) {
                sqs.client();
            }
            prime(new MonthlySubsidyHandler(AwsClients.dynamo(settings.dynamoEndpoint()), settings.tableName(),
                    settings.programmeId(), settings.clock(), sqsQueue, defaultSegments, Metrics.NONE, BillFiles.NONE));
        });
        SnapStart.beforeSnapshot("priming the run routes' success paths, in memory", () -> primeInMemory(settings.dynamoEndpoint(),
                settings.tableName(), defaultSegments, PrimingTable.withSyntheticProgramme(settings.programmeId())));
    }

    /**
     * Before a SnapStart snapshot, after {@link #prime}: the answers a month long before any programme
     * cannot give and the first real request otherwise pays for, the summaries of a month of two parts
     * (one paid) and of a paid month, the budget year and a bill built from its lines, for the synthetic programme of {@code table},
     * an in-memory stand-in for DynamoDB with its own clock: never a real month's data, nothing written
     * to the real table. Its queue refuses every segment (none is asked for). Returns the statuses
     * answered (MonthlySubsidyPrimingTest).
     */
    static List<Integer> primeInMemory(Optional<URI> endpoint, String tableName, int defaultSegments, PrimingTable table) {
        SegmentQueue noQueue = segments -> {
            throw new IllegalStateException("priming sends no segment");
        };
        try (DynamoDbClient inMemory = AwsClients.dynamoOver(endpoint, table)) {
            MonthlySubsidyHandler twin = new MonthlySubsidyHandler(inMemory, tableName, table.programmeId(), PrimingTable.CLOCK, noQueue,
                    defaultSegments, Metrics.NONE, BillFiles.NONE);
            String month = PrimingTable.MONTH.toString();
            String paid = PrimingTable.PAID_MONTH.toString();
            return PrimingRequest.sendAll(twin, List.of(
                    PrimingRequest.staff("GET /runs/{month}", "/runs/" + month).pathParameter("month", month),
                    PrimingRequest.staff("GET /runs/{month}", "/runs/" + paid).pathParameter("month", paid),
                    PrimingRequest.staff("GET /runs", "/runs").query("year", Integer.toString(PrimingTable.YEAR)),
                    PrimingRequest.staff("GET /runs/{month}/bill", "/runs/" + month + "/bill").pathParameter("month", month)));
        }
    }

    /**
     * Before a SnapStart snapshot: each route and the SQS segment path once, for a month long before
     * any programme (nothing to find, nothing written, however large the programme: never the bill or
     * a count of a real month), and a payment that fails validation. The schedule's path is left out:
     * it runs a month. Returns the statuses answered, 0 for the segment's (MonthlySubsidyPrimingTest).
     */
    static List<Integer> prime(MonthlySubsidyHandler handler) {
        String month = "2000-01";
        List<Integer> statuses = new ArrayList<>(PrimingRequest.sendAll(handler, List.of(
                PrimingRequest.staff("GET /runs/{month}", "/runs/" + month).pathParameter("month", month),
                PrimingRequest.staff("GET /runs/{month}/bill", "/runs/" + month + "/bill").pathParameter("month", month),
                PrimingRequest.staff("POST /runs", "/runs").body("{\"month\": \"" + month + "\", \"dryRun\": true}"),
                PrimingRequest.staff("POST /runs/{month}/payment", "/runs/" + month + "/payment").pathParameter("month", month)
                        .body("{}"))));
        String segment = SegmentMessages.write(new SegmentQueue.Segment(handler.programmeId, YearMonth.parse(month), 1, 0, 1));
        ObjectNode sqsEvent = Json.MAPPER.createObjectNode();
        sqsEvent.putArray("Records").addObject().put("messageId", PrimingRequest.REQUEST_ID).put("body", segment);
        try {
            handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(sqsEvent)), OutputStream.nullOutputStream(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        statuses.add(0);
        return statuses;
    }

    /** For tests and the local runner: every segment runs in-process. */
    public MonthlySubsidyHandler(DynamoDbClient dynamo, String table, String programmeId, Clock clock) {
        this(dynamo, table, programmeId, clock, null, 1, Metrics.NONE);
    }

    MonthlySubsidyHandler(DynamoDbClient dynamo, String table, String programmeId, Clock clock, SegmentQueue sqsQueue,
                          int defaultSegments) {
        this(dynamo, table, programmeId, clock, sqsQueue, defaultSegments, Metrics.NONE);
    }

    /** {@code metrics}: EMF on standard output in Lambda, a recorder in tests. */
    MonthlySubsidyHandler(DynamoDbClient dynamo, String table, String programmeId, Clock clock, SegmentQueue sqsQueue,
                          int defaultSegments, Metrics metrics) {
        this(dynamo, table, programmeId, clock, sqsQueue, defaultSegments, metrics, new InMemoryBillFiles());
    }

    /** {@code billFiles}: where segments write the bill's slices and the bill route finds them (S3 in AWS). */
    MonthlySubsidyHandler(DynamoDbClient dynamo, String table, String programmeId, Clock clock, SegmentQueue sqsQueue,
                          int defaultSegments, Metrics metrics, BillFiles billFiles) {
        this.metrics = metrics;
        this.programmeId = programmeId;
        this.clock = clock;
        this.defaultSegments = defaultSegments;
        DynamoDbProgrammeStore programmes = new DynamoDbProgrammeStore(dynamo, table);
        DynamoDbLedgerStore ledgerStore = new DynamoDbLedgerStore(dynamo, table);
        DynamoDbParticipantSource participants = new DynamoDbParticipantSource(dynamo, table);
        Ledger ledger = new Ledger(ledgerStore, clock);
        this.runSegment = new RunSegment(participants, ledgerStore, clock, metrics, billFiles, programmes);
        if (sqsQueue == null) {
            InProcessSegmentQueue inProcess = new InProcessSegmentQueue();
            inProcess.workWith(runSegment);
            this.queue = inProcess;
        } else {
            this.queue = sqsQueue;
        }
        Lapses lapses = new Lapses(programmes, new DynamoDbRegistrationStore(dynamo, table), ledgerStore, ledger, clock, metrics);
        this.runMonth = new RunMonth(programmes, participants, ledgerStore, ledger, queue, lapses, clock, metrics);
        this.overdueBills = new OverdueBills(ledgerStore, clock, metrics);
        RunEndpoints endpoints = new RunEndpoints(programmeId, runMonth, new MonthlyBill(ledgerStore, programmes, billFiles),
                new RecordPayment(ledgerStore, runMonth, clock, metrics), defaultSegments, billFiles);
        this.router = endpoints.routes(new Router(new DynamoDbIdempotencyStore(dynamo, table)).withMetrics(metrics, programmeId));
    }

    /**
     * Read from the real environment only, never from system properties: the local runner hosts every
     * function in one JVM through system properties and must run segments in-process.
     */
    private static SegmentQueue queueFromEnvironment() {
        String url = System.getenv("SEGMENT_QUEUE_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        return new SqsSegmentQueue(MonthlySubsidyHandler::sqsClient, url);
    }

    /** The SQS client of the segment queue: as every client of the functions, traced by X-Ray inside Lambda. */
    static SqsClient sqsClient() {
        return AwsClients.configure(SqsClient.builder()).credentialsProvider(AwsClients.credentials()).build();
    }

    private static int segmentsFromEnvironment() {
        String value = System.getenv("RUN_SEGMENTS");
        return value == null || value.isBlank() ? 1 : Integer.parseInt(value.trim());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        Object response;
        if (event != null && event.has("routeKey")) {
            APIGatewayV2HTTPEvent http = HTTP_EVENT.readValue(event);
            response = context == null ? router.handle(http) : router.handle(http, context.getRemainingTimeInMillis());
        } else if (event != null && event.has("Records")) {
            response = segments(event.get("Records"), context);
        } else if (event != null && event.has("check")) {
            response = check(event, context);
        } else {
            response = scheduled(event, context);
        }
        Json.MAPPER.writeValue(output, response);
    }

    /**
     * The id every log line of an event carries: Lambda's request id of the invocation, or where
     * there is no invocation context (a test, the local runner's in-process call) the event's own id.
     */
    private static String requestId(Context context, String eventId) {
        String invocation = context == null ? null : context.getAwsRequestId();
        if (invocation != null && !invocation.isBlank()) {
            return invocation;
        }
        return eventId != null && !eventId.isBlank() ? eventId : UUID.randomUUID().toString();
    }

    /** The Scheduler's {@code <aws.scheduler.execution-id>}, when the schedule's input carries it. */
    private static String executionId(JsonNode event) {
        return event != null && event.hasNonNull("executionId") ? event.get("executionId").asText() : null;
    }

    /** SQS: one segment per record; a segment that runs out of time is sent on to a fresh invocation. */
    private Map<String, Object> segments(JsonNode records, Context context) {
        List<Map<String, String>> failures = new ArrayList<>();
        for (JsonNode record : records) {
            String messageId = record.path("messageId").asText();
            long started = System.nanoTime();
            JsonLogs.beginEvent(requestId(context, messageId), "segment", "messageId", messageId);
            String outcome = "FAILED";
            try {
                SegmentQueue.Segment segment = SegmentMessages.read(record.path("body").asText());
                RunSegment.Outcome done = runSegment.process(segment,
                        () -> context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis(), RESERVE_MILLIS);
                if (done == RunSegment.Outcome.MORE_TO_DO) {
                    queue.enqueue(List.of(segment));
                }
                // BUSY_ELSEWHERE: a duplicate delivery; the invocation holding the shards finishes them (or,
                // if it dies, its own message comes back after the visibility timeout, past the lease).
                outcome = segment.month() + " part " + segment.part() + " segment " + segment.index() + "/" + segment.count()
                        + " " + done;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "segment message " + messageId + " failed; SQS will retry it", e);
                failures.add(Map.of("itemIdentifier", messageId));
            } finally {
                JsonLogs.endEvent(outcome, "FAILED".equals(outcome) ? Level.SEVERE : Level.INFO, millisSince(started));
            }
        }
        return Map.of("batchItemFailures", failures);
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    /**
     * The daily schedule's check: bill parts unpaid past their due date, counted for the alarm and
     * logged one line each (application/OverdueBills). Another {@code check} is a mistake in the
     * schedule's input: it fails the invocation (retried, then dead-lettered) and runs nothing.
     */
    private Map<String, Object> check(JsonNode event, Context context) {
        String check = event.get("check").asText();
        if (!OVERDUE_BILLS.equals(check)) {
            throw new IllegalArgumentException("unknown scheduled check: " + check);
        }
        long started = System.nanoTime();
        String executionId = executionId(event);
        JsonLogs.beginEvent(requestId(context, executionId), OVERDUE_BILLS, "executionId", executionId);
        String outcome = "FAILED";
        try {
            OverdueBills.Report report = overdueBills.check(programmeId);
            outcome = report.overdue().size() + " parts overdue, " + report.amount() + " rupiah";
            return RunJson.of(report);
        } finally {
            JsonLogs.endEvent(outcome, "FAILED".equals(outcome) ? Level.SEVERE : Level.INFO, millisSince(started));
        }
    }

    /**
     * The schedule fires at 01:00 Asia/Jakarta on the 1st; the month is the one {@code scheduledTime}
     * falls in there, so a delayed retry still runs the intended month. {@code month} may be given
     * instead, for a manual invocation.
     */
    private Map<String, Object> scheduled(JsonNode event, Context context) {
        long started = System.nanoTime();
        String executionId = executionId(event);
        JsonLogs.beginEvent(requestId(context, executionId), "monthly-run", "executionId", executionId);
        String outcome = "FAILED";
        Level level = Level.SEVERE;
        try {
            Map<String, Object> answer = scheduledRun(event);
            outcome = answer.containsKey("refused") ? answer.get("month") + " refused " + answer.get("refused")
                    : answer.get("month") + " " + answer.get("status");
            // A refusal or a run the budget blocked is logged as a warning (each has its metric and alarm too).
            boolean notRun = answer.containsKey("refused") || "BLOCKED_BUDGET".equals(String.valueOf(answer.get("status")));
            level = notRun ? Level.WARNING : Level.INFO;
            return answer;
        } finally {
            JsonLogs.endEvent(outcome, level, millisSince(started));
        }
    }

    private Map<String, Object> scheduledRun(JsonNode event) {
        YearMonth month;
        if (event != null && event.hasNonNull("month")) {
            month = YearMonth.parse(event.get("month").asText());
        } else if (event != null && event.hasNonNull("scheduledTime")) {
            month = YearMonth.from(OffsetDateTime.parse(event.get("scheduledTime").asText()).atZoneSameInstant(ProgrammeTime.ZONE));
        } else {
            month = YearMonth.from(ProgrammeTime.today(clock));
        }
        int segments = event != null && event.hasNonNull("segments") ? event.get("segments").asInt() : defaultSegments;
        try {
            // The month itself, then supplementary parts for earlier months of the year.
            MonthlyRunView view = runMonth.scheduled(programmeId, month, segments, Actor.system("schedule"));
            return RunJson.of(view);
        } catch (Refusal refusal) {
            // Nothing to retry (no programme, no rate for the month): report it instead of failing the schedule.
            metrics.count("ScheduledRunRefused", 1, programmeId);
            return Map.of("month", month.toString(), "refused", refusal.code(), "detail", refusal.getMessage());
        }
    }
}
