package id.dinsos.rentan.subsidy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.devkit.CapturedLog;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.LambdaResponse;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.RecordingDynamoDb;
import id.dinsos.rentan.devkit.SamTemplate;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.devkit.TableContents;
import id.dinsos.rentan.devkit.TableFromTemplate;
import id.dinsos.rentan.application.OverdueBills;
import id.dinsos.rentan.http.JsonLogs;
import id.dinsos.rentan.port.SegmentQueue;
import id.dinsos.rentan.registration.RegistrationHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The monthly subsidy function as Lambda calls it: the sample events in {@code events/monthly-subsidy/}
 * (API Gateway HTTP API payload 2.0, the EventBridge Scheduler payload and SQS records) fed as JSON to
 * the stream handler on DynamoDB Local. Each test gets its own table, set up through the real
 * registration handler: {@code put-programme.json}, then five applications approved on 10 March 2025,
 * so all five are covered from 1 April (R-20). 5 x Rp16,800 = Rp84,000 a month (R-03).
 */
class MonthlySubsidyHandlerTest {
    private static final Path EVENTS = ProjectFiles.root().resolve("events/monthly-subsidy");
    private static final Path REGISTRATION_EVENTS = ProjectFiles.root().resolve("events/registration");
    private static final String PLACEHOLDER = "00000000-0000-4000-8000-000000000001";
    private static final String PROGRAMME_ID = "kota-tangerang";
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Approvals on 10 March are covered from 1 April (R-20). */
    private static final Clock MARCH_10 = jakarta("2025-03-10T09:00");
    /** When the schedule fires for April: 01:00 WIB on the 1st. */
    private static final Clock APRIL_1_AT_1 = jakarta("2025-04-01T01:00");
    private static final Clock APRIL_5 = jakarta("2025-04-05T09:00");
    /** On or after post-payment.json's paidOn (2025-04-10), before April's due date (15th, R-05). */
    private static final Clock APRIL_14 = jakarta("2025-04-14T10:00");
    private static final Clock MAY_5 = jakarta("2025-05-05T09:00");
    /** Five days after May's due date, Thursday 15 May (R-05). */
    private static final Clock MAY_20 = jakarta("2025-05-20T10:00");
    private static final Clock JUNE_5 = jakarta("2025-06-05T09:00");
    /** Four days after June's due date: the 15th is a Sunday, so Monday 16 June (R-05). */
    private static final Clock JUNE_20 = jakarta("2025-06-20T10:00");

    private static final long ALLOCATION_2025 = 1_199_923_200L; // R-07
    private static final long JKK = 10_000L;                     // R-01
    private static final long JKM = 6_800L;                      // R-02
    private static final int PEOPLE = 5;
    private static final long MONTH_COST = PEOPLE * (JKK + JKM);  // 84,000 (R-03)
    private static final String BILL_HEADER = "wadah,part,nik,fullName,kpj,jkk,jkm,total,note";

    /** Registered out of NIK order, so the bill's order is proven rather than inherited. */
    private static final List<Integer> REGISTRATION_ORDER = List.of(3, 1, 5, 2, 4);
    private static final Map<Integer, String> NAMES = Map.of(1, "Budi Santoso", 2, "Agus Pratama", 3, "Dedi Kurniawan",
            4, "Eko Saputra", 5, "Hendra Wijaya");

    private static DynamoDbClient client;
    private static SamTemplate template;

    private String table;
    /** NIK -> registration id of the five participants. */
    private Map<String, String> participants;

    @BeforeAll
    static void startDynamo() {
        client = DynamoDbLocal.embedded();
        template = ProjectFiles.readTemplate();
    }

    @AfterAll
    static void stopDynamo() {
        client.close();
    }

    @BeforeEach
    void fiveParticipantsApprovedInMarch() {
        table = "subsidy-" + UUID.randomUUID();
        TableFromTemplate.create(client, template, table);
        RegistrationHandler march = registrations(MARCH_10);
        assertThat(send(march, registrationEvent("put-programme.json")).status()).isEqualTo(200);
        participants = new LinkedHashMap<>();
        for (int seq : REGISTRATION_ORDER) {
            LambdaResponse registered = send(march, withBody(withoutKey(registrationEvent("post-registration-staff.json")), applicationBody(seq)));
            assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
            String id = registered.body().path("id").asText();
            LambdaResponse approved = send(march, withoutKey(registrationEvent("approve-registration.json", id)));
            assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
            assertThat(approved.body().path("status").asText()).isEqualTo("ACTIVE");
            assertThat(approved.body().path("coverageStart").asText()).isEqualTo("2025-04-01");
            participants.put(nik(seq), id);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Clock jakarta(String localDateTime) {
        return Clock.fixed(LocalDateTime.parse(localDateTime).atZone(JAKARTA).toInstant(), JAKARTA);
    }

    private static String nik(int seq) {
        return String.format("367102120379%04d", seq); // born 12-03-1979, male (R-10)
    }

    private MonthlySubsidyHandler subsidy(Clock clock) {
        return new MonthlySubsidyHandler(client, table, PROGRAMME_ID, clock);
    }

    private RegistrationHandler registrations(Clock clock) {
        return new RegistrationHandler(client, table, PROGRAMME_ID, clock);
    }

    private static JsonNode invoke(MonthlySubsidyHandler handler, JsonNode event, Context context) {
        return LambdaResponse.invoke(handler, event, context);
    }

    private static JsonNode invoke(MonthlySubsidyHandler handler, JsonNode event) {
        return invoke(handler, event, null);
    }

    /** An API Gateway event: the answer's {statusCode, headers, body}. */
    private static LambdaResponse send(MonthlySubsidyHandler handler, JsonNode event) {
        JsonNode answer = invoke(handler, event);
        assertThat(answer.has("statusCode")).as(answer.toString()).isTrue();
        return LambdaResponse.ofJson(answer);
    }

    private static LambdaResponse send(RegistrationHandler handler, APIGatewayV2HTTPEvent event) {
        return LambdaResponse.of(handler.handleRequest(event, null));
    }

    private static JsonNode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(raw);
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static ObjectNode event(String file) {
        return (ObjectNode) SampleEvents.readTree(EVENTS.resolve(file));
    }

    private static ObjectNode withKey(ObjectNode event, String key) {
        ObjectNode headers = (ObjectNode) event.path("headers");
        headers.remove("idempotency-key");
        if (key != null) {
            headers.put("idempotency-key", key);
        }
        return event;
    }

    private static ObjectNode withoutKey(ObjectNode event) {
        return withKey(event, null);
    }

    private static ObjectNode withBody(ObjectNode event, String body) {
        if (body == null) {
            event.remove("body");
        } else {
            event.put("body", body);
        }
        return event;
    }

    /** The event for another month: path parameter, rawPath and requestContext.http.path. */
    private static ObjectNode forMonth(ObjectNode event, String month) {
        if (event.has("pathParameters")) {
            ((ObjectNode) event.get("pathParameters")).put("month", month);
            event.put("rawPath", event.get("rawPath").asText().replace("2025-04", month));
            ObjectNode http = (ObjectNode) event.path("requestContext").path("http");
            http.put("path", http.get("path").asText().replace("2025-04", month));
        }
        return event;
    }

    /** The same request with the citizen portal's claims instead of the staff member's. */
    private static ObjectNode asPortal(ObjectNode event) {
        ObjectNode claims = JSON.createObjectNode()
                .put("sub", "portal-client-0001")
                .put("client_id", "portalclientexample")
                .put("scope", "portal/citizen");
        ((ObjectNode) event.path("requestContext").path("authorizer").path("jwt")).set("claims", claims);
        return event;
    }

    /** The same request without what the JWT authorizer passes on. */
    private static ObjectNode anonymous(ObjectNode event) {
        ((ObjectNode) event.path("requestContext")).remove("authorizer");
        return event;
    }

    private static ObjectNode runRequest(String body) {
        return withBody(withoutKey(event("post-run.json")), body);
    }

    private LambdaResponse run(Clock clock, String month) {
        return send(subsidy(clock), runRequest("{\"month\": \"" + month + "\"}"));
    }

    private LambdaResponse summary(Clock clock, String month) {
        return send(subsidy(clock), forMonth(event("get-run.json"), month));
    }

    private LambdaResponse bill(Clock clock, String month) {
        return send(subsidy(clock), forMonth(event("get-bill.json"), month));
    }

    /** get-runs-of-year.json with these query parameters instead of its own. */
    private LambdaResponse year(Clock clock, Map<String, String> query) {
        ObjectNode event = event("get-runs-of-year.json");
        ObjectNode params = event.putObject("queryStringParameters");
        query.forEach(params::put);
        event.put("rawQueryString", String.join("&", query.entrySet().stream().map(q -> q.getKey() + "=" + q.getValue()).toList()));
        return send(subsidy(clock), event);
    }

    private JsonNode year(Clock clock, String year) {
        LambdaResponse r = year(clock, Map.of("year", year));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private LambdaResponse pay(Clock clock, String month, String paidOn) {
        return send(subsidy(clock), withBody(withoutKey(forMonth(event("post-payment.json"), month)),
                "{\"paidOn\": \"" + paidOn + "\", \"reference\": \"SP2D-" + month + "-0001\"}"));
    }

    /** The data lines of a CSV bill (without its header). */
    private static List<String> billLines(LambdaResponse bill) {
        List<String> lines = bill.raw().lines().toList();
        assertThat(lines.get(0)).isEqualTo(BILL_HEADER);
        return lines.subList(1, lines.size());
    }

    private static void assertProblem(LambdaResponse r, int status, String code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.body().path("status").asInt()).isEqualTo(status);
        assertThat(r.body().path("title").asText()).isNotBlank();
        assertThat(r.body().path("type").asText()).isNotBlank();
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** A run summary of {@code participants} people at the 2025 rate (R-03, R-04). */
    private static void assertRun(JsonNode run, String month, String status, long participants) {
        assertThat(run.path("month").asText()).as(run.toString()).isEqualTo(month);
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo(status);
        assertThat(run.path("participants").asLong()).isEqualTo(participants);
        assertThat(run.path("jkkTotal").asLong()).isEqualTo(participants * JKK);
        assertThat(run.path("jkmTotal").asLong()).isEqualTo(participants * JKM);
        assertThat(run.path("total").asLong()).isEqualTo(participants * (JKK + JKM));
        assertThat(run.path("rate").path("from").asText()).isEqualTo("2025-01");
        assertThat(run.path("rate").path("jkk").asLong()).isEqualTo(JKK);
        assertThat(run.path("rate").path("jkm").asLong()).isEqualTo(JKM);
    }

    /** A budget year: remaining = allocation - committed - spent (R-22). */
    private static void assertBudget(JsonNode budget, long allocation, long committed, long spent) {
        assertThat(budget.path("year").asInt()).as(budget.toString()).isEqualTo(2025);
        assertThat(budget.path("allocation").asLong()).as(budget.toString()).isEqualTo(allocation);
        assertThat(budget.path("committed").asLong()).as(budget.toString()).isEqualTo(committed);
        assertThat(budget.path("spent").asLong()).as(budget.toString()).isEqualTo(spent);
        assertThat(budget.path("remaining").asLong()).as(budget.toString()).isEqualTo(allocation - committed - spent);
    }

    private static List<String> codesOf(JsonNode array) {
        List<String> codes = new ArrayList<>();
        array.forEach(e -> codes.add(e.path("code").asText()));
        return codes;
    }

    private static List<String> fieldsOf(JsonNode errors) {
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    private static List<String> eventFiles() {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the registration function, for setting up and for GET /programme and /registrations/{id}

    private static APIGatewayV2HTTPEvent registrationEvent(String file) {
        return SampleEvents.httpEvent(REGISTRATION_EVENTS.resolve(file));
    }

    private static APIGatewayV2HTTPEvent registrationEvent(String file, String id) {
        APIGatewayV2HTTPEvent e = registrationEvent(file);
        e.getPathParameters().put("id", id);
        e.setRawPath(e.getRawPath().replace(PLACEHOLDER, id));
        e.getRequestContext().getHttp().setPath(e.getRequestContext().getHttp().getPath().replace(PLACEHOLDER, id));
        return e;
    }

    private static APIGatewayV2HTTPEvent withoutKey(APIGatewayV2HTTPEvent e) {
        Map<String, String> headers = new HashMap<>(e.getHeaders());
        headers.remove("idempotency-key");
        e.setHeaders(headers);
        return e;
    }

    private static APIGatewayV2HTTPEvent withBody(APIGatewayV2HTTPEvent e, String body) {
        e.setBody(body);
        return e;
    }

    private static ObjectNode registrationBody(String file) {
        try {
            return (ObjectNode) JSON.readTree(registrationEvent(file).getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Budi Santoso's staff application with another NIK sequence and name (same birth date: still R-10 valid). */
    private static String applicationBody(int seq) {
        ObjectNode body = registrationBody("post-registration-staff.json");
        body.put("nik", nik(seq));
        body.put("fullName", NAMES.get(seq));
        return body.toString();
    }

    private void setAllocation2025(long allocation) {
        ObjectNode body = registrationBody("put-programme.json");
        ArrayNode budgets = body.putArray("budgets");
        budgets.addObject().put("year", 2025).put("allocation", allocation);
        LambdaResponse r = send(registrations(MARCH_10), withBody(registrationEvent("put-programme.json"), body.toString()));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    private JsonNode programme(Clock clock) {
        LambdaResponse r = send(registrations(clock), registrationEvent("get-programme-staff.json"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private JsonNode registration(Clock clock, String id) {
        LambdaResponse r = send(registrations(clock), registrationEvent("get-registration-staff.json", id));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    // ---- SQS

    /** A segment queue standing in for SQS: it keeps what the function sends. */
    static final class RecordingQueue implements SegmentQueue {
        final List<Segment> sent = new ArrayList<>();

        @Override
        public void enqueue(List<Segment> segments) {
            sent.addAll(segments);
        }
    }

    /** sqs-segment.json with one record per body, message ids msg-0, msg-1, ... */
    private static ObjectNode sqsEvent(String... bodies) {
        ObjectNode event = event("sqs-segment.json");
        ObjectNode template = (ObjectNode) event.path("Records").get(0);
        ArrayNode records = event.putArray("Records");
        for (int i = 0; i < bodies.length; i++) {
            ObjectNode record = template.deepCopy();
            record.put("messageId", "msg-" + i);
            record.put("body", bodies[i]);
            records.add(record);
        }
        return event;
    }

    private static ObjectNode sqsEvent(SegmentQueue.Segment... segments) {
        return sqsEvent(Stream.of(segments).map(SegmentMessages::write).toArray(String[]::new));
    }

    /** A Lambda context whose invocation has this request id. */
    private static Context contextWithRequestId(String awsRequestId) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[]{Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> 900_000;
                    case "getAwsRequestId" -> awsRequestId;
                    case "toString" -> "test context " + awsRequestId;
                    default -> null;
                });
    }

    /** A Lambda context whose invocation has only {@code millisLeft} left. */
    private static Context contextWithMillisLeft(int millisLeft) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[]{Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> millisLeft;
                    case "getAwsRequestId" -> "test-invocation";
                    case "toString" -> "test context";
                    default -> null;
                });
    }

    // ------------------------------------------------------------------ the issue's "done when"

    @Test
    @DisplayName("Done when: approve 5, run April, run again, summary, bill, pay, pay again, run May")
    void doneWhen_fiveApproved_aprilRunBilledPaidOnce_andMayRuns_R03_R21_R22_R23() {
        // Run 2025-04 exactly as post-run.json asks.
        LambdaResponse first = send(subsidy(APRIL_5), event("post-run.json"));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.header("Content-Type")).isEqualTo("application/json");
        assertThat(first.header("Location")).isEqualTo("/runs/2025-04");
        assertRun(first.body(), "2025-04", "COMPLETED", PEOPLE);
        assertThat(first.body().path("total").asLong()).isEqualTo(84_000L);
        assertThat(first.body().path("jkkTotal").asLong()).isEqualTo(50_000L);
        assertThat(first.body().path("jkmTotal").asLong()).isEqualTo(34_000L);
        assertThat(first.body().path("dryRun").asBoolean()).isFalse();
        assertThat(first.body().has("shortfall")).isFalse();
        assertThat(first.body().has("payment")).isFalse();
        assertBudget(first.body().path("budget"), ALLOCATION_2025, MONTH_COST, 0);

        // Again, under another key and under none: the same run, nobody charged twice (R-23).
        LambdaResponse otherKey = send(subsidy(APRIL_5), withKey(event("post-run.json"), "run-2025-04-again"));
        LambdaResponse noKey = send(subsidy(APRIL_5), withoutKey(event("post-run.json")));
        for (LambdaResponse again : List.of(otherKey, noKey)) {
            assertThat(again.status()).as(again.raw()).isEqualTo(200);
            assertRun(again.body(), "2025-04", "COMPLETED", PEOPLE);
            assertBudget(again.body().path("budget"), ALLOCATION_2025, MONTH_COST, 0);
        }

        // The summary.
        LambdaResponse summary = send(subsidy(APRIL_5), event("get-run.json"));
        assertThat(summary.status()).as(summary.raw()).isEqualTo(200);
        assertRun(summary.body(), "2025-04", "COMPLETED", PEOPLE);
        assertThat(summary.body().path("segments").asInt()).isEqualTo(1);
        assertThat(summary.body().path("startedAt").asText()).startsWith("2025-04-05T09:00");
        assertThat(summary.body().path("finishedAt").asText()).startsWith("2025-04-05T09:00");
        assertThat(summary.body().path("warnings")).isEmpty();

        // The bill: one line per participant, ordered by NIK, no KPJ yet, summing to the run's total (R-21).
        LambdaResponse bill = send(subsidy(APRIL_5), event("get-bill.json"));
        assertThat(bill.status()).as(bill.raw()).isEqualTo(200);
        assertThat(bill.header("Content-Type")).startsWith("text/csv");
        assertThat(bill.header("Content-Disposition")).contains("tagihan-2025-04.csv");
        List<String> lines = billLines(bill);
        assertThat(lines).containsExactly(
                "SG,1," + nik(1) + ",Budi Santoso,,10000,6800,16800,KPJ_MISSING",
                "SG,1," + nik(2) + ",Agus Pratama,,10000,6800,16800,KPJ_MISSING",
                "SG,1," + nik(3) + ",Dedi Kurniawan,,10000,6800,16800,KPJ_MISSING",
                "SG,1," + nik(4) + ",Eko Saputra,,10000,6800,16800,KPJ_MISSING",
                "SG,1," + nik(5) + ",Hendra Wijaya,,10000,6800,16800,KPJ_MISSING");
        assertThat(lines.stream().mapToLong(l -> Long.parseLong(l.split(",")[7])).sum()).isEqualTo(84_000L);

        // Pay it (post-payment.json says paidOn 2025-04-10, so the clock stands after that).
        LambdaResponse paid = send(subsidy(APRIL_14), event("post-payment.json"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(200);
        assertRun(paid.body(), "2025-04", "COMPLETED", PEOPLE);
        JsonNode payment = paid.body().path("payment");
        assertThat(payment.path("paidOn").asText()).isEqualTo("2025-04-10");
        assertThat(payment.path("reference").asText()).isEqualTo("SP2D-2025-04-0001");
        assertThat(payment.path("recordedBy").asText()).isEqualTo("staff:Sri Wulandari");
        assertThat(payment.path("recordedAt").asText()).startsWith("2025-04-14T10:00");
        assertBudget(paid.body().path("budget"), ALLOCATION_2025, 0, MONTH_COST);

        // Paying again under another key is refused; the budget is unchanged.
        assertProblem(send(subsidy(APRIL_14), withKey(event("post-payment.json"), "pay-2025-04-again")), 409, "ALREADY_PAID");
        assertBudget(summary(APRIL_14, "2025-04").body().path("budget"), ALLOCATION_2025, 0, MONTH_COST);
        assertThat(billLines(bill(APRIL_14, "2025-04"))).hasSize(PEOPLE);

        // May.
        LambdaResponse may = run(MAY_5, "2025-05");
        assertThat(may.status()).as(may.raw()).isEqualTo(200);
        assertRun(may.body(), "2025-05", "COMPLETED", PEOPLE);
        assertThat(may.body().has("payment")).isFalse();
        assertBudget(may.body().path("budget"), ALLOCATION_2025, MONTH_COST, MONTH_COST);
        assertThat(billLines(bill(MAY_5, "2025-05"))).hasSize(PEOPLE).allSatisfy(l -> assertThat(l).endsWith(",,10000,6800,16800,KPJ_MISSING"));
    }

    // ------------------------------------------------------------------ POST /runs

    @Test
    void sameIdempotencyKey_replaysTheFirstRunResponse() {
        LambdaResponse first = send(subsidy(APRIL_5), event("post-run.json"));
        LambdaResponse replay = send(subsidy(APRIL_5), event("post-run.json"));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.raw()).isEqualTo(first.raw());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void sameIdempotencyKey_forAnotherMonth_is422IdempotencyKeyReused() {
        send(subsidy(MAY_5), event("post-run.json"));
        LambdaResponse other = send(subsidy(MAY_5), withBody(event("post-run.json"), "{\"month\": \"2025-05\"}"));
        assertProblem(other, 422, "IDEMPOTENCY_KEY_REUSED");
        assertProblem(summary(MAY_5, "2025-05"), 404, "RUN_NOT_FOUND");
    }

    @Test
    void reRunningACompletedMonth_manyTimes_chargesNobodyTwice_R23() {
        for (int i = 0; i < 3; i++) {
            LambdaResponse r = run(APRIL_5, "2025-04");
            assertThat(r.status()).isEqualTo(200);
            assertRun(r.body(), "2025-04", "COMPLETED", PEOPLE);
        }
        assertThat(billLines(bill(APRIL_5, "2025-04"))).hasSize(PEOPLE);
        assertBudget(programme(APRIL_5).path("budgets").get(0), ALLOCATION_2025, MONTH_COST, 0);
    }

    @Test
    void runOfAMonthBeforeCoverageStarted_chargesNobody_R20_R21() {
        LambdaResponse march = run(APRIL_5, "2025-03");
        assertThat(march.status()).as(march.raw()).isEqualTo(200);
        assertRun(march.body(), "2025-03", "COMPLETED", 0);
        assertThat(billLines(bill(APRIL_5, "2025-03"))).isEmpty();
        assertBudget(march.body().path("budget"), ALLOCATION_2025, 0, 0);
    }

    @Test
    void segmentsInTheRequest_splitTheRun_andTheTotalsAreTheSame_R21() {
        LambdaResponse r = send(subsidy(APRIL_5), runRequest("{\"month\": \"2025-04\", \"segments\": 4}"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertRun(r.body(), "2025-04", "COMPLETED", PEOPLE);
        assertThat(r.body().path("segments").asInt()).isEqualTo(4);
        assertThat(billLines(bill(APRIL_5, "2025-04"))).hasSize(PEOPLE);
    }

    @Test
    void dryRunOfNextMonth_previewsTheCost_andWritesNothing_R22() {
        LambdaResponse dry = send(subsidy(APRIL_5), event("post-run-dry.json"));
        assertThat(dry.status()).as(dry.raw()).isEqualTo(200);
        assertThat(dry.body().path("dryRun").asBoolean()).isTrue();
        assertRun(dry.body(), "2025-05", "COMPLETED", PEOPLE);
        assertBudget(dry.body().path("budget"), ALLOCATION_2025, 0, 0);

        assertProblem(summary(APRIL_5, "2025-05"), 404, "RUN_NOT_FOUND");
        assertProblem(bill(APRIL_5, "2025-05"), 404, "RUN_NOT_FOUND");
        assertBudget(programme(APRIL_5).path("budgets").get(0), ALLOCATION_2025, 0, 0);
    }

    @Test
    void dryRunBeyondTheBudget_previewsBlockedBudget_withTheShortfall_andWritesNothing_R22() {
        setAllocation2025(MONTH_COST - 1);
        LambdaResponse dry = send(subsidy(APRIL_5), event("post-run-dry.json"));
        assertThat(dry.status()).as(dry.raw()).isEqualTo(200);
        assertThat(dry.body().path("dryRun").asBoolean()).isTrue();
        assertRun(dry.body(), "2025-05", "BLOCKED_BUDGET", PEOPLE);
        assertThat(dry.body().path("shortfall").asLong()).isEqualTo(1);
        assertProblem(summary(APRIL_5, "2025-05"), 404, "RUN_NOT_FOUND");
    }

    @Test
    void dryRunOfACompletedMonth_answersTheRunItself_notAPreview() {
        run(APRIL_5, "2025-04");
        LambdaResponse r = send(subsidy(APRIL_5), runRequest("{\"month\": \"2025-04\", \"dryRun\": true}"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("dryRun").asBoolean()).isFalse();
        assertRun(r.body(), "2025-04", "COMPLETED", PEOPLE);
        assertThat(r.body().path("finishedAt").asText()).isNotBlank();
    }

    @Test
    void runOfAMonthNotStartedYet_withoutDryRun_is422MonthNotStarted_andWritesNothing() {
        LambdaResponse r = run(APRIL_5, "2025-05");
        assertProblem(r, 422, "MONTH_NOT_STARTED");
        assertProblem(summary(APRIL_5, "2025-05"), 404, "RUN_NOT_FOUND");
        assertProblem(send(subsidy(MARCH_10), event("post-run.json")), 422, "MONTH_NOT_STARTED");
    }

    @Test
    void runOfAMonthWithoutARateInForce_is422NoRateForMonth_R04() {
        // The rate table starts in 2025-01.
        assertProblem(run(APRIL_5, "2024-12"), 422, "NO_RATE_FOR_MONTH");
        assertProblem(summary(APRIL_5, "2024-12"), 404, "RUN_NOT_FOUND");
    }

    /** Appends a rate row to the stored programme item as a request accepted before the settings were bounded left it. */
    private static void storeRateRowOfTheYear10000(DynamoDbClient client, String table) {
        client.updateItem(u -> u.tableName(table)
                .key(Map.of("PK", AttributeValue.fromS("PROG#" + PROGRAMME_ID), "SK", AttributeValue.fromS("PROGRAMME")))
                .updateExpression("SET rates = list_append(rates, :row)")
                .expressionAttributeValues(Map.of(":row", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                        "from", AttributeValue.fromS("10000-01"), "declaredIncome", AttributeValue.fromN("100"),
                        "jkk", AttributeValue.fromN("1"), "jkm", AttributeValue.fromN("1"))))))));
    }

    @Test
    void aStoredRateRowOfTheYear10000_writtenBeforeTheSettingsWereBounded_doesNotStopTheRun_R04() {
        storeRateRowOfTheYear10000(client, table);
        LambdaResponse r = run(APRIL_5, "2025-04");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertRun(r.body(), "2025-04", "COMPLETED", PEOPLE);
    }

    @Test
    void runRequestWithAMonthNotYYYYMM_is400ValidationFailed_onMonth() {
        LambdaResponse r = send(subsidy(APRIL_5), runRequest("{\"month\": \"April\"}"));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldsOf(r.body().path("errors"))).containsExactly("month");
        assertThat(codesOf(r.body().path("errors"))).containsExactly("INVALID_FORMAT");
        assertProblem(summary(APRIL_5, "2025-04"), 404, "RUN_NOT_FOUND");
    }

    @Test
    void runRequestWithBadFields_is400_withEveryFieldError() {
        LambdaResponse r = send(subsidy(APRIL_5), runRequest("{\"dryRun\": \"yes\", \"segments\": 65}"));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldsOf(r.body().path("errors"))).containsExactlyInAnyOrder("month", "dryRun", "segments");
        assertProblem(send(subsidy(APRIL_5), runRequest("{\"month\": \"2025-04\", \"segments\": 0}")), 400, "VALIDATION_FAILED");
        assertProblem(send(subsidy(APRIL_5), runRequest("{\"month\": \"2025-13\"}")), 400, "VALIDATION_FAILED");
    }

    @Test
    void runRequestWithoutAJsonObject_is400MalformedJson() {
        assertProblem(send(subsidy(APRIL_5), runRequest(null)), 400, "MALFORMED_JSON");
        assertProblem(send(subsidy(APRIL_5), runRequest("{\"month\": ")), 400, "MALFORMED_JSON");
        assertProblem(send(subsidy(APRIL_5), runRequest("[\"2025-04\"]")), 400, "MALFORMED_JSON");
    }

    @Test
    void runOrPaymentSentAsAnotherMediaType_is415_andChangesNothing() {
        ObjectNode runAsForm = withoutKey(event("post-run.json"));
        ((ObjectNode) runAsForm.get("headers")).put("content-type", "application/x-www-form-urlencoded");
        assertProblem(send(subsidy(APRIL_5), runAsForm), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(summary(APRIL_5, "2025-04"), 404, "RUN_NOT_FOUND");

        run(APRIL_5, "2025-04");
        ObjectNode payAsText = withoutKey(event("post-payment.json"));
        ((ObjectNode) payAsText.get("headers")).put("content-type", "text/plain");
        assertProblem(send(subsidy(APRIL_14), payAsText), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(summary(APRIL_14, "2025-04").body().has("payment")).isFalse();
    }

    // ------------------------------------------------------------------ GET /runs/{month}, bill, payment

    @Test
    void summaryOfAMonthNeverRun_is404RunNotFound() {
        assertProblem(summary(APRIL_5, "2025-01"), 404, "RUN_NOT_FOUND");
        assertProblem(send(subsidy(APRIL_5), event("get-run.json")), 404, "RUN_NOT_FOUND");
    }

    @Test
    void billOfAMonthNeverRun_is404RunNotFound() {
        assertProblem(send(subsidy(APRIL_5), event("get-bill.json")), 404, "RUN_NOT_FOUND");
    }

    @Test
    void paymentForAMonthWithoutARun_is404RunNotFound() {
        assertProblem(send(subsidy(APRIL_14), event("post-payment.json")), 404, "RUN_NOT_FOUND");
        assertProblem(pay(APRIL_14, "2025-03", "2025-04-10"), 404, "RUN_NOT_FOUND");
    }

    @ParameterizedTest(name = "{0} for {1} -> 400")
    @CsvSource({
            "get-run.json, 2025-13", "get-bill.json, 2025-13", "post-payment.json, 2025-13",
            "get-run.json, April", "get-bill.json, 2025-4", "post-payment.json, 202504",
    })
    void badMonthInThePath_is400ValidationFailed(String file, String month) {
        run(APRIL_5, "2025-04");
        LambdaResponse r = send(subsidy(APRIL_14), withoutKey(forMonth(event(file), month)));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldsOf(r.body().path("errors"))).containsExactly("month");
    }

    @Test
    void paymentDatedAfterToday_is422PaidOnInFuture_andRecordsNothing() {
        run(APRIL_5, "2025-04");
        // post-payment.json says paidOn 2025-04-10; the programme clock stands on 5 April.
        assertProblem(send(subsidy(APRIL_5), event("post-payment.json")), 422, "PAID_ON_IN_FUTURE");
        LambdaResponse summary = summary(APRIL_5, "2025-04");
        assertThat(summary.body().has("payment")).isFalse();
        assertBudget(summary.body().path("budget"), ALLOCATION_2025, MONTH_COST, 0);
    }

    @Test
    void paymentWithMissingOrBadFields_is400_withEveryFieldError() {
        run(APRIL_5, "2025-04");
        LambdaResponse r = send(subsidy(APRIL_14), withBody(withoutKey(event("post-payment.json")), "{\"paidOn\": \"10-04-2025\"}"));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldsOf(r.body().path("errors"))).containsExactlyInAnyOrder("paidOn", "reference");
        String tooLong = "R".repeat(101);
        LambdaResponse longRef = send(subsidy(APRIL_14), withBody(withoutKey(event("post-payment.json")),
                "{\"paidOn\": \"2025-04-10\", \"reference\": \"" + tooLong + "\"}"));
        assertProblem(longRef, 400, "VALIDATION_FAILED");
        assertThat(codesOf(longRef.body().path("errors"))).containsExactly("TOO_LONG");
        assertThat(summary(APRIL_14, "2025-04").body().has("payment")).isFalse();
    }

    @Test
    void paymentReplay_withTheSameKey_returnsTheFirst200_andSpendsOnce_R22() {
        run(APRIL_5, "2025-04");
        LambdaResponse first = send(subsidy(APRIL_14), event("post-payment.json"));
        LambdaResponse replay = send(subsidy(APRIL_14), event("post-payment.json"));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.raw()).isEqualTo(first.raw());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertBudget(summary(APRIL_14, "2025-04").body().path("budget"), ALLOCATION_2025, 0, MONTH_COST);
    }

    // ------------------------------------------------------------------ identity

    @Test
    void portalCallingTheRunRoutes_is403Forbidden_andChangesNothing() {
        for (String file : List.of("post-run.json", "post-run-dry.json", "get-run.json", "get-bill.json", "post-payment.json")) {
            assertProblem(send(subsidy(APRIL_14), asPortal(event(file))), 403, "FORBIDDEN");
        }
        assertProblem(summary(APRIL_14, "2025-04"), 404, "RUN_NOT_FOUND");
    }

    @Test
    void requestsWithoutAnAuthorizer_are401Unauthenticated_andChangeNothing() {
        for (String file : List.of("post-run.json", "post-run-dry.json", "get-run.json", "get-bill.json", "post-payment.json")) {
            assertProblem(send(subsidy(APRIL_14), anonymous(event(file))), 401, "UNAUTHENTICATED");
        }
        assertProblem(summary(APRIL_14, "2025-04"), 404, "RUN_NOT_FOUND");
    }

    // ------------------------------------------------------------------ budget guard (R-22)

    @Test
    void budgetExactlyEqualToTheMonthsCost_completesTheRun_R22() {
        setAllocation2025(MONTH_COST);
        LambdaResponse r = send(subsidy(APRIL_5), event("post-run.json"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertRun(r.body(), "2025-04", "COMPLETED", PEOPLE);
        assertBudget(r.body().path("budget"), MONTH_COST, MONTH_COST, 0);
        assertThat(r.body().path("budget").path("remaining").asLong()).isZero();
    }

    @Test
    void budgetOneRupiahShort_blocksTheRun_withShortfall1_andNoBill_R22() {
        setAllocation2025(MONTH_COST - 1);
        LambdaResponse r = send(subsidy(APRIL_5), event("post-run.json"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertRun(r.body(), "2025-04", "BLOCKED_BUDGET", PEOPLE); // what it would have charged
        assertThat(r.body().path("shortfall").asLong()).isEqualTo(1);
        assertThat(r.body().path("dryRun").asBoolean()).isFalse();
        assertBudget(r.body().path("budget"), MONTH_COST - 1, 0, 0);

        LambdaResponse summary = send(subsidy(APRIL_5), event("get-run.json"));
        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.body().path("status").asText()).isEqualTo("BLOCKED_BUDGET");
        assertThat(summary.body().path("shortfall").asLong()).isEqualTo(1);
        assertProblem(send(subsidy(APRIL_5), event("get-bill.json")), 409, "RUN_NOT_COMPLETED");
        assertProblem(send(subsidy(APRIL_14), event("post-payment.json")), 409, "RUN_NOT_COMPLETED");
        assertBudget(programme(APRIL_5).path("budgets").get(0), MONTH_COST - 1, 0, 0);
    }

    @Test
    void blockedRun_runsOnceTheBudgetIsRaised_R22() {
        setAllocation2025(MONTH_COST - 1);
        assertThat(run(APRIL_5, "2025-04").body().path("status").asText()).isEqualTo("BLOCKED_BUDGET");
        setAllocation2025(MONTH_COST);
        LambdaResponse r = run(APRIL_5, "2025-04");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertRun(r.body(), "2025-04", "COMPLETED", PEOPLE);
        assertThat(r.body().has("shortfall")).isFalse();
        assertThat(billLines(bill(APRIL_5, "2025-04"))).hasSize(PEOPLE);
    }

    @Test
    void budgetGuard_countsWhatEarlierMonthsCharged_R22() {
        setAllocation2025(2 * MONTH_COST - 1);
        assertThat(run(APRIL_5, "2025-04").body().path("status").asText()).isEqualTo("COMPLETED");
        LambdaResponse may = run(MAY_5, "2025-05");
        assertThat(may.body().path("status").asText()).isEqualTo("BLOCKED_BUDGET");
        assertThat(may.body().path("shortfall").asLong()).isEqualTo(1);
        assertBudget(may.body().path("budget"), 2 * MONTH_COST - 1, MONTH_COST, 0);
    }

    // ------------------------------------------------------------------ the schedule

    @Test
    void scheduledEvent_runsTheMonthItFiredIn_likePostRuns_R21() {
        JsonNode answer = invoke(subsidy(APRIL_1_AT_1), event("scheduled.json"));
        assertThat(answer.has("statusCode")).isFalse();
        assertRun(answer, "2025-04", "COMPLETED", PEOPLE);
        assertBudget(answer.path("budget"), ALLOCATION_2025, MONTH_COST, 0);
        assertThat(answer.path("dryRun").asBoolean()).isFalse();

        LambdaResponse viaApi = run(APRIL_5, "2025-04");
        assertRun(viaApi.body(), "2025-04", "COMPLETED", PEOPLE);
        assertThat(viaApi.body().path("startedAt").asText()).isEqualTo(answer.path("startedAt").asText());
        assertThat(billLines(bill(APRIL_5, "2025-04"))).hasSize(PEOPLE);
    }

    @Test
    void scheduledEventTwice_chargesNobodyTwice_R23() {
        JsonNode first = invoke(subsidy(APRIL_1_AT_1), event("scheduled.json"));
        JsonNode second = invoke(subsidy(APRIL_5), event("scheduled.json"));
        assertThat(second).isEqualTo(first);
        assertRun(second, "2025-04", "COMPLETED", PEOPLE);
        assertThat(billLines(bill(APRIL_5, "2025-04"))).hasSize(PEOPLE);
        assertBudget(programme(APRIL_5).path("budgets").get(0), ALLOCATION_2025, MONTH_COST, 0);
    }

    @Test
    void scheduledTimeInUtc_asTheSchedulerSendsIt_isReadInJakarta() {
        // 18:00 UTC on 31 March is 01:00 WIB on 1 April.
        ObjectNode event = event("scheduled.json").put("scheduledTime", "2025-03-31T18:00:00Z");
        JsonNode answer = invoke(subsidy(APRIL_1_AT_1), event);
        assertRun(answer, "2025-04", "COMPLETED", PEOPLE);
        assertProblem(summary(APRIL_5, "2025-03"), 404, "RUN_NOT_FOUND");
    }

    @Test
    void scheduledEvent_beforeItsMonthHasStarted_reportsTheRefusal_insteadOfFailing() {
        JsonNode answer = invoke(subsidy(MARCH_10), event("scheduled.json"));
        assertThat(answer.path("month").asText()).isEqualTo("2025-04");
        assertThat(answer.path("refused").asText()).isEqualTo("MONTH_NOT_STARTED");
        assertThat(answer.path("detail").asText()).isNotBlank();
        assertProblem(summary(APRIL_5, "2025-04"), 404, "RUN_NOT_FOUND");
    }

    @Test
    void scheduledRefusal_isCountedAsScheduledRunRefused_andAPaymentAsPaymentsRecorded() {
        List<String> counted = new java.util.concurrent.CopyOnWriteArrayList<>();
        id.dinsos.rentan.port.Metrics recorder = (name, value, dimensions) -> counted.add(name + "=" + value + " " + dimensions);
        invoke(new MonthlySubsidyHandler(client, table, PROGRAMME_ID, MARCH_10, null, 1, recorder), event("scheduled.json"));
        assertThat(counted).containsExactly("ScheduledRunRefused=1 {Programme=kota-tangerang}");

        counted.clear();
        invoke(new MonthlySubsidyHandler(client, table, PROGRAMME_ID, APRIL_1_AT_1, null, 1, recorder), event("scheduled.json"));
        assertThat(counted).containsExactly("RunCompleted=1 {Programme=kota-tangerang}", "LinesCharged=" + PEOPLE + " {Programme=kota-tangerang}");

        counted.clear();
        LambdaResponse paid = send(new MonthlySubsidyHandler(client, table, PROGRAMME_ID, APRIL_14, null, 1, recorder), event("post-payment.json"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(200);
        LambdaResponse again = send(new MonthlySubsidyHandler(client, table, PROGRAMME_ID, APRIL_14, null, 1, recorder),
                withKey(event("post-payment.json"), "pay-again"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(counted).containsExactly("PaymentsRecorded=1 {Programme=kota-tangerang}",
                "Refusals=1 {Programme=kota-tangerang, Code=ALREADY_PAID}");
    }

    @Test
    void scheduledEventOverBudget_recordsABlockedRun_R22() {
        setAllocation2025(MONTH_COST - 1);
        JsonNode answer = invoke(subsidy(APRIL_1_AT_1), event("scheduled.json"));
        assertThat(answer.path("status").asText()).isEqualTo("BLOCKED_BUDGET");
        assertThat(answer.path("shortfall").asLong()).isEqualTo(1);
        assertProblem(bill(APRIL_5, "2025-04"), 409, "RUN_NOT_COMPLETED");
    }

    // ------------------------------------------------------------------ the daily overdue-bills check

    @Test
    void overdueBillsEvent_findsAprilUnpaidPastItsDueDate_countsItForTheAlarm_andLogsOneLine_R05() {
        run(APRIL_5, "2025-04");
        List<String> counted = new java.util.concurrent.CopyOnWriteArrayList<>();
        id.dinsos.rentan.port.Metrics recorder = (name, value, dimensions) -> counted.add(name + "=" + value + " " + dimensions);
        JsonNode answer;
        try (CapturedLog log = CapturedLog.of(OverdueBills.class)) {
            answer = invoke(new MonthlySubsidyHandler(client, table, PROGRAMME_ID, MAY_20, null, 1, recorder), event("overdue-bills.json"));
            assertThat(log.messages()).containsExactly(
                    "bill part overdue: month=2025-04 part=1 dueDate=2025-04-15 amount=" + MONTH_COST + " daysOverdue=35");
            assertNoPersonalData(log);
        }
        assertThat(answer.has("statusCode")).isFalse();
        assertThat(answer.path("check").asText()).isEqualTo("overdue-bills");
        assertThat(answer.path("today").asText()).isEqualTo("2025-05-20");
        assertThat(answer.path("count").asInt()).isEqualTo(1);
        assertThat(answer.path("amount").asLong()).isEqualTo(MONTH_COST);
        assertThat(answer.path("overdue").get(0).path("dueDate").asText()).isEqualTo("2025-04-15");
        assertThat(counted).containsExactly("BillsOverdue=1 {Programme=kota-tangerang}",
                "OverdueAmount=" + MONTH_COST + " {Programme=kota-tangerang}");

        // Paid (on 10 April), April owes nothing: zero is counted, so the alarm clears.
        assertThat(send(subsidy(APRIL_14), event("post-payment.json")).status()).isEqualTo(200);
        counted.clear();
        answer = invoke(new MonthlySubsidyHandler(client, table, PROGRAMME_ID, MAY_20, null, 1, recorder), event("overdue-bills.json"));
        assertThat(answer.path("count").asInt()).isZero();
        assertThat(answer.path("overdue")).isEmpty();
        assertThat(counted).containsExactly("BillsOverdue=0 {Programme=kota-tangerang}", "OverdueAmount=0 {Programme=kota-tangerang}");
    }

    @Test
    void anUnknownCheck_failsTheInvocation_andRunsNothing() {
        // Never mistaken for the monthly schedule's payload: that would run a month.
        assertThatThrownBy(() -> invoke(subsidy(APRIL_5), event("overdue-bills.json").put("check", "something-else")))
                .hasMessageContaining("unknown scheduled check");
        assertProblem(summary(APRIL_5, "2025-04"), 404, "RUN_NOT_FOUND");
    }

    // ------------------------------------------------------------------ log lines off the API path

    @Test
    void offTheApiPath_everyLineCarriesLambdasRequestId_withTheSqsMessageIdOrTheSchedulesExecutionId() throws IOException {
        run(APRIL_5, "2025-04");
        String good = SegmentMessages.write(new SegmentQueue.Segment(PROGRAMME_ID, java.time.YearMonth.of(2025, 4), 1, 0, 1));
        List<String> raw;
        // What the worker would write in Lambda: the JSON line format, formatted as each line is logged.
        try (CapturedLog log = CapturedLog.of("id.dinsos.rentan", JsonLogs.formatter("worker", PROGRAMME_ID))) {
            invoke(subsidy(APRIL_5), sqsEvent(good, "garbage"), contextWithRequestId("lambda-sqs-1"));
            invoke(subsidy(MAY_20), event("overdue-bills.json"), contextWithRequestId("lambda-daily-1"));
            // Without an invocation context (the local runner's in-process call) the message id stands in.
            invoke(subsidy(APRIL_5), sqsEvent("garbage"));
            raw = log.lines();
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : raw) {
            assertThat(line.strip()).as("one event, one line (the stack trace inside it)").doesNotContain("\n");
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(3).allSatisfy(line -> {
            assertThat(line.path("requestId").asText()).as(line.toString()).isNotBlank();
            assertThat(line.path("function").asText()).isEqualTo("worker");
            assertThat(line.path("programme").asText()).isEqualTo(PROGRAMME_ID);
        });
        JsonNode failed = lines.get(0);
        assertThat(failed.path("level").asText()).isEqualTo("SEVERE");
        assertThat(failed.path("requestId").asText()).isEqualTo("lambda-sqs-1");
        assertThat(failed.path("event").asText()).isEqualTo("segment");
        assertThat(failed.path("messageId").asText()).isEqualTo("msg-1");
        assertThat(failed.path("error").asText()).contains("UncheckedIOException", "\tat ");
        JsonNode overdue = lines.get(1);
        assertThat(overdue.path("level").asText()).isEqualTo("WARNING");
        assertThat(overdue.path("requestId").asText()).isEqualTo("lambda-daily-1");
        assertThat(overdue.path("event").asText()).isEqualTo("overdue-bills");
        assertThat(overdue.path("executionId").asText()).isEqualTo(event("overdue-bills.json").path("executionId").asText());
        assertThat(overdue.path("message").asText()).contains("month=2025-04", "dueDate=2025-04-15");
        JsonNode local = lines.get(2);
        assertThat(local.path("requestId").asText()).isEqualTo("msg-0");
        assertThat(local.path("messageId").asText()).isEqualTo("msg-0");
        for (String line : raw) {
            assertThat(line).doesNotContainPattern("\\d{16}");
            NAMES.values().forEach(name -> assertThat(line).doesNotContain(name));
        }
    }

    // ------------------------------------------------------------------ SQS segments

    @Test
    void sqsSegment_afterTheRunIsComplete_reportsNoFailures_andChangesNothing_R23() {
        run(APRIL_5, "2025-04");
        JsonNode answer = invoke(subsidy(APRIL_5), event("sqs-segment.json"));
        assertThat(answer.path("batchItemFailures").isArray()).isTrue();
        assertThat(answer.path("batchItemFailures")).isEmpty();
        assertRun(summary(APRIL_5, "2025-04").body(), "2025-04", "COMPLETED", PEOPLE);
        assertThat(billLines(bill(APRIL_5, "2025-04"))).hasSize(PEOPLE);
    }

    @Test
    void sqsSegment_ofAMonthNeverRun_doesNothing_andReportsNoFailure() {
        JsonNode answer = invoke(subsidy(APRIL_5), event("sqs-segment.json"));
        assertThat(answer.path("batchItemFailures")).isEmpty();
        assertProblem(summary(APRIL_5, "2025-04"), 404, "RUN_NOT_FOUND");
    }

    @Test
    void sqsRecordsWithUnreadableBodies_areReportedInBatchItemFailures_byMessageId() {
        run(APRIL_5, "2025-04");
        String good = SegmentMessages.write(new SegmentQueue.Segment(PROGRAMME_ID, java.time.YearMonth.of(2025, 4), 1, 0, 1));
        JsonNode answer;
        try (CapturedLog log = CapturedLog.of(MonthlySubsidyHandler.class)) {
            answer = invoke(subsidy(APRIL_5), sqsEvent(good, "garbage", "{}",
                    "{\"programmeId\": \"kota-tangerang\", \"month\": \"2025-04\", \"index\": 0, \"count\": 0}"));
            // Each failed record is logged as an error naming its message id, with the cause attached.
            assertThat(log.records()).allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.SEVERE));
            assertThat(log.messages()).containsExactly(
                    "segment message msg-1 failed; SQS will retry it",
                    "segment message msg-2 failed; SQS will retry it",
                    "segment message msg-3 failed; SQS will retry it");
            assertThat(log.records()).extracting(r -> (Object) r.getThrown().getClass()).containsExactly(
                    UncheckedIOException.class, java.time.format.DateTimeParseException.class, IllegalArgumentException.class);
            assertNoPersonalData(log);
        }
        List<String> failed = new ArrayList<>();
        answer.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
        assertThat(failed).containsExactly("msg-1", "msg-2", "msg-3");
    }

    @Test
    void withAnSqsQueue_postRunsIs202InProgress_andTheLastSegmentCompletesTheRun_R21_R23() {
        RecordingQueue queue = new RecordingQueue();
        MonthlySubsidyHandler handler = new MonthlySubsidyHandler(client, table, PROGRAMME_ID, APRIL_5, queue, 4);

        LambdaResponse started = send(handler, withoutKey(event("post-run.json")));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        assertThat(started.header("Location")).isEqualTo("/runs/2025-04");
        assertThat(started.body().path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(started.body().path("segments").asInt()).isEqualTo(4);
        assertBudget(started.body().path("budget"), ALLOCATION_2025, MONTH_COST, 0); // reserved (R-22)
        assertThat(queue.sent).hasSize(4);
        assertThat(queue.sent).extracting(SegmentQueue.Segment::index).containsExactly(0, 1, 2, 3);
        assertThat(queue.sent).allSatisfy(s -> assertThat(s.count()).isEqualTo(4));

        // Segments 0..2, and segment 0 delivered twice: still in progress, no bill yet.
        for (SegmentQueue.Segment s : List.of(queue.sent.get(0), queue.sent.get(1), queue.sent.get(0), queue.sent.get(2))) {
            assertThat(invoke(handler, sqsEvent(s)).path("batchItemFailures")).isEmpty();
        }
        assertThat(summary(APRIL_5, "2025-04").body().path("status").asText()).isEqualTo("IN_PROGRESS");
        assertProblem(bill(APRIL_5, "2025-04"), 409, "RUN_NOT_COMPLETED");

        // The last segment completes the run, with every participant charged once.
        assertThat(invoke(handler, sqsEvent(queue.sent.get(3))).path("batchItemFailures")).isEmpty();
        LambdaResponse done = summary(APRIL_5, "2025-04");
        assertRun(done.body(), "2025-04", "COMPLETED", PEOPLE);
        assertBudget(done.body().path("budget"), ALLOCATION_2025, MONTH_COST, 0);
        assertThat(billLines(bill(APRIL_5, "2025-04"))).hasSize(PEOPLE);

        // A late duplicate of any segment changes nothing.
        assertThat(invoke(handler, sqsEvent(queue.sent.get(3), queue.sent.get(1))).path("batchItemFailures")).isEmpty();
        assertRun(summary(APRIL_5, "2025-04").body(), "2025-04", "COMPLETED", PEOPLE);
        assertThat(billLines(bill(APRIL_5, "2025-04"))).hasSize(PEOPLE);
    }

    @Test
    void withAnSqsQueue_postRunsAgainWhileInProgress_sendsTheSegmentsAgain_andIsStill202_R23() {
        RecordingQueue queue = new RecordingQueue();
        MonthlySubsidyHandler handler = new MonthlySubsidyHandler(client, table, PROGRAMME_ID, APRIL_5, queue, 2);
        assertThat(send(handler, withoutKey(event("post-run.json"))).status()).isEqualTo(202);
        LambdaResponse again = send(handler, withoutKey(event("post-run.json")));
        assertThat(again.status()).as(again.raw()).isEqualTo(202);
        assertThat(queue.sent).hasSize(4);
        assertBudget(again.body().path("budget"), ALLOCATION_2025, MONTH_COST, 0); // reserved once

        for (SegmentQueue.Segment s : queue.sent) {
            assertThat(invoke(handler, sqsEvent(s)).path("batchItemFailures")).isEmpty();
        }
        assertRun(summary(APRIL_5, "2025-04").body(), "2025-04", "COMPLETED", PEOPLE);
        assertThat(billLines(bill(APRIL_5, "2025-04"))).hasSize(PEOPLE);
    }

    @Test
    void sqsSegment_nearTheLambdaTimeLimit_isHandedOnToAFreshInvocation_R23() {
        RecordingQueue queue = new RecordingQueue();
        MonthlySubsidyHandler handler = new MonthlySubsidyHandler(client, table, PROGRAMME_ID, APRIL_5, queue, 1);
        send(handler, withoutKey(event("post-run.json")));
        SegmentQueue.Segment segment = queue.sent.get(0);
        queue.sent.clear();

        JsonNode answer = invoke(handler, sqsEvent(segment), contextWithMillisLeft((int) MonthlySubsidyHandler.RESERVE_MILLIS - 1));
        assertThat(answer.path("batchItemFailures")).isEmpty();
        assertThat(queue.sent).containsExactly(segment);
        assertThat(summary(APRIL_5, "2025-04").body().path("status").asText()).isEqualTo("IN_PROGRESS");

        JsonNode finished = invoke(handler, sqsEvent(segment), contextWithMillisLeft(900_000));
        assertThat(finished.path("batchItemFailures")).isEmpty();
        assertThat(queue.sent).hasSize(1);
        assertRun(summary(APRIL_5, "2025-04").body(), "2025-04", "COMPLETED", PEOPLE);
    }

    // ------------------------------------------------------------------ GET /programme and registrations

    @Test
    void getProgramme_beforeAnyRun_hasTheWholeAllocationRemaining_andNoWarnings_R22() {
        JsonNode p = programme(APRIL_5);
        assertThat(p.path("budgets")).hasSize(1);
        assertBudget(p.path("budgets").get(0), ALLOCATION_2025, 0, 0);
        assertThat(p.path("warnings")).isEmpty();
    }

    @Test
    void getProgramme_afterAPaidAndAnUnpaidMonth_showsCommittedSpentAndRemaining_R22() {
        run(APRIL_5, "2025-04");
        assertThat(pay(APRIL_14, "2025-04", "2025-04-10").status()).isEqualTo(200);
        run(MAY_5, "2025-05");

        JsonNode p = programme(MAY_5);
        assertBudget(p.path("budgets").get(0), ALLOCATION_2025, MONTH_COST, MONTH_COST);
        assertThat(p.path("budgets").get(0).path("remaining").asLong()).isEqualTo(ALLOCATION_2025 - 2 * MONTH_COST);
        assertThat(p.path("warnings")).isEmpty(); // May is not due before the 15th (R-05)
    }

    @Test
    void getProgramme_afterThe15thOfAnUnpaidBilledMonth_warnsOverdue_R05() {
        run(APRIL_5, "2025-04");
        pay(APRIL_14, "2025-04", "2025-04-10");
        run(MAY_5, "2025-05");

        JsonNode warnings = programme(MAY_20).path("warnings");
        assertThat(warnings).hasSize(1);
        JsonNode w = warnings.get(0);
        assertThat(w.path("code").asText()).isEqualTo("OVERDUE");
        assertThat(w.path("month").asText()).isEqualTo("2025-05");
        assertThat(w.path("amount").asLong()).isEqualTo(MONTH_COST);
        assertThat(w.path("dueDate").asText()).isEqualTo("2025-05-15");
        assertThat(w.path("daysOverdue").asLong()).isEqualTo(5);
        // The run summary carries the same warning.
        assertThat(summary(MAY_20, "2025-05").body().path("warnings")).isEqualTo(warnings);
    }

    @Test
    void twoConsecutiveUnpaidBilledMonths_areOnlyOverdue_R05_R06() {
        run(APRIL_5, "2025-04");
        run(MAY_5, "2025-05");
        JsonNode warnings = programme(MAY_20).path("warnings");
        assertThat(codesOf(warnings)).containsExactly("OVERDUE", "OVERDUE");
        assertThat(warnings.get(0).path("month").asText()).isEqualTo("2025-04");
        assertThat(warnings.get(0).path("daysOverdue").asLong()).isEqualTo(35);
    }

    @Test
    void threeConsecutiveUnpaidBilledMonths_putMembershipsAtRisk_R06() {
        run(APRIL_5, "2025-04");
        run(MAY_5, "2025-05");
        run(JUNE_5, "2025-06");

        JsonNode warnings = programme(JUNE_20).path("warnings");
        assertThat(codesOf(warnings)).containsExactly("MEMBERSHIP_AT_RISK", "MEMBERSHIP_AT_RISK", "MEMBERSHIP_AT_RISK");
        List<String> months = new ArrayList<>();
        warnings.forEach(w -> months.add(w.path("month").asText()));
        assertThat(months).containsExactly("2025-04", "2025-05", "2025-06");
        assertThat(warnings.get(2).path("dueDate").asText()).isEqualTo("2025-06-16"); // the 15th is a Sunday (R-05)
        assertThat(warnings.get(2).path("daysOverdue").asLong()).isEqualTo(4);
        assertBudget(programme(JUNE_20).path("budgets").get(0), ALLOCATION_2025, 3 * MONTH_COST, 0);
    }

    @Test
    void aPaidMonthBetweenUnpaidOnes_breaksTheStreak_R06() {
        run(APRIL_5, "2025-04");
        run(MAY_5, "2025-05");
        pay(MAY_5, "2025-05", "2025-05-05");
        run(JUNE_5, "2025-06");
        assertThat(codesOf(programme(JUNE_20).path("warnings"))).containsExactly("OVERDUE", "OVERDUE");
    }

    @Test
    void consecutivePaidMonths_ofARegistration_isOneAfterAprilIsPaid_R21() {
        String id = participants.get(nik(1));
        run(APRIL_5, "2025-04");
        assertThat(registration(APRIL_14, id).path("consecutivePaidMonths").asInt()).isZero(); // billed, not paid
        pay(APRIL_14, "2025-04", "2025-04-10");
        assertThat(registration(APRIL_14, id).path("consecutivePaidMonths").asInt()).isEqualTo(1);
        run(MAY_5, "2025-05");
        pay(MAY_5, "2025-05", "2025-05-05");
        assertThat(registration(MAY_5, id).path("consecutivePaidMonths").asInt()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ the README's table

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @DisplayName("events/README.md: each API event on its own, five approved in March, --today 2025-04-05")
    @CsvSource({
            "post-run.json, 200, COMPLETED",
            "post-run-dry.json, 200, COMPLETED",
            "get-run.json, 404, RUN_NOT_FOUND",
            "get-bill.json, 404, RUN_NOT_FOUND",
            "post-payment.json, 404, RUN_NOT_FOUND",
    })
    void eachApiEvent_onItsOwn_answersAsTheReadmeSays(String file, int status, String statusOrCode) {
        LambdaResponse r = send(subsidy(APRIL_5), event(file));
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        if (status == 200) {
            assertThat(r.body().path("status").asText()).isEqualTo(statusOrCode);
            assertThat(r.body().path("participants").asInt()).isEqualTo(PEOPLE);
        } else {
            assertProblem(r, status, statusOrCode);
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @DisplayName("events/README.md: each API event after post-run.json, --today 2025-04-05")
    @CsvSource({
            "post-run.json, 200, COMPLETED",
            "post-run-dry.json, 200, COMPLETED",
            "get-run.json, 200, COMPLETED",
            "get-bill.json, 200, ",
            "post-payment.json, 422, PAID_ON_IN_FUTURE",
    })
    void eachApiEvent_afterPostRun_answersAsTheReadmeSays(String file, int status, String statusOrCode) {
        send(subsidy(APRIL_5), event("post-run.json"));
        LambdaResponse r = send(subsidy(APRIL_5), event(file));
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        if (status != 200) {
            assertProblem(r, status, statusOrCode);
        } else if (statusOrCode != null) {
            assertThat(r.body().path("status").asText()).isEqualTo(statusOrCode);
        } else {
            assertThat(billLines(r)).hasSize(PEOPLE);
        }
    }

    // ------------------------------------------------------------------ GET /runs?year=

    @Test
    void runsOfYear_onAFreshProgramme_listsTwelveMonthsNotRun_withTheYearsBudget() {
        LambdaResponse r = send(subsidy(APRIL_5), event("get-runs-of-year.json"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode body = r.body();
        assertThat(body.path("year").asInt()).isEqualTo(2025);
        assertThat(body.path("budget").path("allocation").asLong()).isEqualTo(ALLOCATION_2025);
        assertThat(body.path("budget").path("remaining").asLong()).isEqualTo(ALLOCATION_2025);
        assertThat(body.path("months")).hasSize(12);
        for (int m = 0; m < 12; m++) {
            JsonNode month = body.path("months").get(m);
            assertThat(month.path("month").asText()).isEqualTo(String.format("2025-%02d", m + 1));
            assertThat(month.path("status").asText()).isEqualTo("NOT_RUN");
            assertThat(month.path("participants").asLong()).isZero();
            assertThat(month.path("total").asLong()).isZero();
            assertThat(month.path("paidTotal").asLong()).isZero();
            assertThat(month.path("unpaidTotal").asLong()).isZero();
            assertThat(month.path("overdue").asBoolean()).isFalse();
            assertThat(month.path("parts")).isEmpty();
        }
    }

    @Test
    void runsOfYear_showsEachMonthAsItsSummaryDoes_paidUnpaidAndOverdueAfterTheDueDate_R05_R21_R22() {
        run(APRIL_5, "2025-04");
        assertThat(pay(APRIL_14, "2025-04", "2025-04-10").status()).isEqualTo(200);
        run(MAY_5, "2025-05");

        // 15 May is May's due date (R-05): unpaid, but not overdue yet on the day itself.
        JsonNode onDueDate = year(jakarta("2025-05-15T23:00"), "2025");
        assertThat(onDueDate.path("months").get(4).path("overdue").asBoolean()).isFalse();

        JsonNode body = year(MAY_20, "2025");
        JsonNode april = body.path("months").get(3);
        assertThat(april.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(april.path("participants").asLong()).isEqualTo(PEOPLE);
        assertThat(april.path("total").asLong()).isEqualTo(MONTH_COST);
        assertThat(april.path("paidTotal").asLong()).isEqualTo(MONTH_COST);
        assertThat(april.path("unpaidTotal").asLong()).isZero();
        assertThat(april.path("overdue").asBoolean()).isFalse();
        JsonNode aprilPart = april.path("parts").get(0);
        assertThat(aprilPart.path("part").asInt()).isEqualTo(1);
        assertThat(aprilPart.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(aprilPart.path("participants").asLong()).isEqualTo(PEOPLE);
        assertThat(aprilPart.path("total").asLong()).isEqualTo(MONTH_COST);
        assertThat(aprilPart.path("raisedOn").asText()).isEqualTo("2025-04-05");
        assertThat(aprilPart.path("dueDate").asText()).isEqualTo("2025-04-15");
        assertThat(aprilPart.path("paidOn").asText()).isEqualTo("2025-04-10");
        assertThat(aprilPart.path("paymentReference").asText()).isEqualTo("SP2D-2025-04-0001");

        JsonNode may = body.path("months").get(4);
        assertThat(may.path("paidTotal").asLong()).isZero();
        assertThat(may.path("unpaidTotal").asLong()).isEqualTo(MONTH_COST);
        assertThat(may.path("overdue").asBoolean()).isTrue();
        // Unpaid: no payment date or reference (the API leaves out what has no value, never writes null).
        assertThat(may.path("parts").get(0).has("paidOn")).isFalse();
        assertThat(may.path("parts").get(0).has("paymentReference")).isFalse();
        assertThat(may.path("parts").get(0).path("dueDate").asText()).isEqualTo("2025-05-15");
        // The same month, status and totals as each month's own summary, and the same budget year.
        for (JsonNode month : List.of(april, may)) {
            JsonNode summary = summary(MAY_20, month.path("month").asText()).body();
            assertThat(month.path("status").asText()).isEqualTo(summary.path("status").asText());
            assertThat(month.path("participants").asLong()).isEqualTo(summary.path("participants").asLong());
            assertThat(month.path("total").asLong()).isEqualTo(summary.path("total").asLong());
        }
        assertBudget(summary(MAY_20, "2025-05").body().path("budget"), ALLOCATION_2025, MONTH_COST, MONTH_COST);
        JsonNode budget = body.path("budget");
        assertThat(budget.path("allocation").asLong()).isEqualTo(ALLOCATION_2025);
        assertThat(budget.path("committed").asLong()).isEqualTo(MONTH_COST);
        assertThat(budget.path("spent").asLong()).isEqualTo(MONTH_COST);
        assertThat(budget.path("remaining").asLong()).isEqualTo(ALLOCATION_2025 - 2 * MONTH_COST);
        assertThat(body.path("months")).filteredOn(m -> m.path("status").asText().equals("NOT_RUN")).hasSize(10);
        // Another year reads none of 2025's parts.
        assertThat(year(MAY_20, "2024").path("months")).allSatisfy(m -> assertThat(m.path("status").asText()).isEqualTo("NOT_RUN"));
    }

    @Test
    void runsOfYear_showsAMonthBlockedByTheBudget_withWhatItWouldCost_neitherPaidNorOwed_R22() {
        setAllocation2025(MONTH_COST - 1);
        assertThat(run(APRIL_5, "2025-04").body().path("status").asText()).isEqualTo("BLOCKED_BUDGET");
        JsonNode april = year(APRIL_14, "2025").path("months").get(3);
        assertThat(april.path("status").asText()).isEqualTo("BLOCKED_BUDGET");
        assertThat(april.path("participants").asLong()).isEqualTo(PEOPLE);
        assertThat(april.path("total").asLong()).isEqualTo(MONTH_COST);
        assertThat(april.path("paidTotal").asLong()).isZero();
        assertThat(april.path("unpaidTotal").asLong()).isZero();
        assertThat(april.path("overdue").asBoolean()).isFalse();
        assertThat(april.path("parts").get(0).path("status").asText()).isEqualTo("BLOCKED_BUDGET");
    }

    @ParameterizedTest(name = "year={0} -> {1}")
    @CsvSource({"25, INVALID_FORMAT", "20250, INVALID_FORMAT", "2025-04, INVALID_FORMAT", "+2025, INVALID_FORMAT",
            "1999, OUT_OF_RANGE", "2101, OUT_OF_RANGE", "0000, OUT_OF_RANGE", "abcd, INVALID_FORMAT"})
    void runsOfYear_withABadYear_is400OnYear(String year, String code) {
        LambdaResponse r = year(APRIL_5, Map.of("year", year));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldsOf(r.body().path("errors"))).containsExactly("year");
        assertThat(codesOf(r.body().path("errors"))).containsExactly(code);
    }

    @Test
    void runsOfYear_withoutAYear_orWithAnotherParameter_is400_withEveryError() {
        LambdaResponse none = year(APRIL_5, Map.of());
        assertProblem(none, 400, "VALIDATION_FAILED");
        assertThat(codesOf(none.body().path("errors"))).containsExactly("REQUIRED");
        LambdaResponse extra = year(APRIL_5, Map.of("year", "2025", "month", "2025-04"));
        assertProblem(extra, 400, "VALIDATION_FAILED");
        assertThat(fieldsOf(extra.body().path("errors"))).containsExactly("month");
        assertThat(codesOf(extra.body().path("errors"))).containsExactly("UNKNOWN_PARAMETER");
        assertThat(year(APRIL_5, Map.of("year", "2100")).status()).isEqualTo(200);
        assertThat(year(APRIL_5, Map.of("year", "2000")).status()).isEqualTo(200);
    }

    @Test
    void runsOfYear_isForStaffOnly() {
        assertProblem(send(subsidy(APRIL_5), asPortal(event("get-runs-of-year.json"))), 403, "FORBIDDEN");
        assertProblem(send(subsidy(APRIL_5), anonymous(event("get-runs-of-year.json"))), 401, "UNAUTHENTICATED");
    }

    @Test
    void everyEventFile_isCoveredByTheReadmeTable() {
        assertThat(eventFiles()).containsExactlyInAnyOrder("get-bill.json", "get-run.json", "get-runs-of-year.json", "post-payment.json",
                "post-run-dry.json", "post-run.json", "scheduled.json", "overdue-bills.json", "sqs-segment.json");
    }

    @Test
    void noEvent_everAnswers500_orFails_asItIs_asPortal_anonymously_orForAnotherMonth() {
        List<String> problems = new ArrayList<>();
        int garbageRecords = 0;
        // The daily check logs each overdue bill part (April, unpaid, on 20 May); kept off the console here.
        try (CapturedLog log = CapturedLog.of(MonthlySubsidyHandler.class); CapturedLog overdue = CapturedLog.of(OverdueBills.class)) {
            for (Clock clock : List.of(MARCH_10, APRIL_5, APRIL_14, MAY_20)) {
                for (String file : eventFiles()) {
                    ObjectNode original = event(file);
                    List<ObjectNode> variants = original.has("routeKey")
                            ? List.of(event(file), withoutKey(event(file)), asPortal(event(file)), anonymous(event(file)),
                                    withoutKey(forMonth(event(file), "2025-13")), withoutKey(forMonth(event(file), "2024-12")),
                                    withoutKey(forMonth(event(file), "2025-05")), withBody(withoutKey(event(file)), "{}"),
                                    withBody(withoutKey(event(file)), null))
                            : List.of(event(file), event(file).put("scheduledTime", "2025-05-01T01:00:00+07:00"),
                                    sqsEvent("garbage"));
                    garbageRecords += original.has("routeKey") ? 0 : 1;
                    for (ObjectNode variant : variants) {
                        try {
                            JsonNode answer = invoke(subsidy(clock), variant);
                            if (answer.path("statusCode").asInt() >= 500) {
                                problems.add(file + " " + variant.path("rawPath").asText() + " -> " + answer);
                            }
                        } catch (RuntimeException e) {
                            problems.add(file + " threw " + e);
                        }
                    }
                }
            }
            // The only errors logged are the "garbage" SQS bodies (message id msg-0), one each, unreadable as JSON;
            // any other logged failure (a real segment failing) would show up here.
            assertThat(garbageRecords).isPositive();
            assertThat(log.records()).hasSize(garbageRecords).allSatisfy(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
                assertThat(CapturedLog.message(r)).isEqualTo("segment message msg-0 failed; SQS will retry it");
                assertThat(r.getThrown()).isInstanceOf(UncheckedIOException.class).hasMessage("not a segment message");
            });
            assertNoPersonalData(log);
        }
        assertThat(problems).isEmpty();
    }

    /** What the handler logs names messages, never a participant's NIK or name. */
    private void assertNoPersonalData(CapturedLog log) {
        for (String message : log.messages()) {
            assertThat(message).doesNotContainPattern("\\d{16}");
            participants.keySet().forEach(nik -> assertThat(message).doesNotContain(nik));
            NAMES.values().forEach(name -> assertThat(message).doesNotContain(name));
        }
    }

    @Test
    void aMalformedScheduledPayload_failsTheInvocation_andRunsNothing() {
        // Today's behaviour: an unreadable time is not reported like a refusal but thrown (a Lambda error).
        assertThatThrownBy(() -> invoke(subsidy(APRIL_5), event("scheduled.json").put("scheduledTime", "yesterday")))
                .isInstanceOf(RuntimeException.class);
        assertProblem(summary(APRIL_5, "2025-04"), 404, "RUN_NOT_FOUND");
    }

    // ------------------------------------------------------------------ hostile lengths and shapes (issue 8)

    /** 2,100 characters: more than DynamoDB allows in any key. */
    private static final String LONG = "A".repeat(2_100);

    @Test
    void runMonthsOutsideTheProgrammesMonths_are400OutOfRange_inThePathAndInTheBody_R04() {
        run(APRIL_5, "2025-04");
        for (String month : List.of("1999-12", "2101-01", "+10000-01", "-0001-01", "+999999999-12")) {
            for (String file : List.of("get-run.json", "get-bill.json", "post-payment.json")) {
                LambdaResponse r = send(subsidy(APRIL_14), withoutKey(forMonth(event(file), month)));
                assertProblem(r, 400, "VALIDATION_FAILED");
                // Signed or five-digit years are not plain YYYY-MM at all (INVALID_FORMAT); the rest are out of range.
                assertThat(codesOf(r.body().path("errors"))).as(file + " " + month).singleElement().isIn("OUT_OF_RANGE", "INVALID_FORMAT");
            }
            for (String body : List.of("{\"month\": \"" + month + "\"}", "{\"month\": \"" + month + "\", \"dryRun\": true}")) {
                LambdaResponse r = send(subsidy(APRIL_14), runRequest(body));
                assertProblem(r, 400, "VALIDATION_FAILED");
                assertThat(fieldsOf(r.body().path("errors"))).as(body).containsExactly("month");
                assertThat(codesOf(r.body().path("errors"))).as(body).singleElement().isIn("OUT_OF_RANGE", "INVALID_FORMAT");
            }
        }
        assertRun(summary(APRIL_14, "2025-04").body(), "2025-04", "COMPLETED", PEOPLE);
    }

    @Test
    void everyRouteOfTheFunction_withA2100CharacterMonthOrField_is400_withAProblem_readsNothing_andChangesNothing() {
        run(APRIL_5, "2025-04");
        List<Map<String, AttributeValue>> before = TableContents.of(client, table);
        Map<String, ObjectNode> requests = new LinkedHashMap<>();
        for (String file : List.of("get-run.json", "get-bill.json", "post-payment.json")) {
            requests.put(file + " {month}", withoutKey(forMonth(event(file), LONG)));
        }
        requests.put("POST /runs month", runRequest("{\"month\": \"" + LONG + "\"}"));
        requests.put("POST /runs dryRun", runRequest("{\"month\": \"2025-04\", \"dryRun\": \"" + LONG + "\"}"));
        requests.put("POST /runs segments", runRequest("{\"month\": \"2025-04\", \"segments\": \"" + "9".repeat(2_100) + "\"}"));
        requests.put("POST /runs segments (999 digits)", runRequest("{\"month\": \"2025-04\", \"segments\": " + "9".repeat(999) + "}"));
        requests.put("POST /runs Idempotency-Key", withKey(event("post-run.json"), LONG));
        requests.put("POST /runs/{month}/payment paidOn", withBody(withoutKey(event("post-payment.json")),
                "{\"paidOn\": \"" + LONG + "\", \"reference\": \"SP2D-2025-04-0001\"}"));
        requests.put("POST /runs/{month}/payment reference", withBody(withoutKey(event("post-payment.json")),
                "{\"paidOn\": \"2025-04-10\", \"reference\": \"" + LONG + "\"}"));

        List<String> wrong = new ArrayList<>();
        requests.forEach((what, request) -> {
            RecordingDynamoDb recording = RecordingDynamoDb.wrap(client);
            MonthlySubsidyHandler watched = new MonthlySubsidyHandler(recording.client(), table, PROGRAMME_ID, APRIL_14);
            recording.clear();
            LambdaResponse r = send(watched, request);
            boolean problem = "application/problem+json".equals(r.header("Content-Type")) && r.body().path("status").asInt() == r.status()
                    && !r.body().path("type").asText().isBlank() && !r.body().path("title").asText().isBlank();
            // A number past the parser's 50 digits is not JSON the API reads at all: MALFORMED_JSON, also a 400.
            boolean code = "VALIDATION_FAILED".equals(r.code()) || what.contains("digits") && "MALFORMED_JSON".equals(r.code());
            if (r.status() != 400 || !code || !problem || !recording.calls().isEmpty()) {
                wrong.add(what + " -> " + r.status() + " " + r.code() + ", DynamoDB calls " + recording.calls());
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(TableContents.of(client, table)).isEqualTo(before);
    }

    // ------------------------------------------------------------------ found while writing these tests, now fixed

    @Test
    void monthsWithNothingToPay_raiseNoArrearsWarnings_R05_R06() {
        for (String month : List.of("2025-01", "2025-02", "2025-03")) {
            assertRun(run(APRIL_5, month).body(), month, "COMPLETED", 0);
        }
        assertThat(programme(APRIL_5).path("warnings")).isEmpty();
    }

    @Test
    void participantsAddedWhileARunIsInProgress_neverPushTheChargeBeyondTheAllocation_R22() {
        setAllocation2025(MONTH_COST);
        RecordingQueue queue = new RecordingQueue();
        MonthlySubsidyHandler handler = new MonthlySubsidyHandler(client, table, PROGRAMME_ID, APRIL_5, queue, 1);
        assertThat(send(handler, withoutKey(event("post-run.json"))).status()).isEqualTo(202);
        // An hour after the run was planned, a decree dated back to January adds people covered in April
        // while the run's segment is still queued: the run charges only what it reserved.
        Clock anHourLater = Clock.offset(APRIL_5, java.time.Duration.ofHours(1));
        LambdaResponse imported = send(registrations(anHourLater), withoutKey(registrationEvent("import-registrations.json")));
        assertThat(imported.body().path("accepted").asInt()).isEqualTo(3);
        invoke(handler, sqsEvent(queue.sent.get(0)));

        assertRun(summary(APRIL_5, "2025-04").body(), "2025-04", "COMPLETED", 5);
        JsonNode budget = programme(APRIL_5).path("budgets").get(0);
        assertThat(budget.path("committed").asLong() + budget.path("spent").asLong()).isEqualTo(MONTH_COST);
        assertThat(budget.path("remaining").asLong()).isZero();
    }
}
