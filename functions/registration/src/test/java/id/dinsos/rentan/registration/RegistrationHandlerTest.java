package id.dinsos.rentan.registration;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registration function as API Gateway calls it: the sample events in {@code events/registration/}
 * fed to the handler on DynamoDB Local, with the statuses and bodies {@code events/README.md} and
 * {@code openapi.yaml} promise. Each test gets its own table with the programme set up by
 * {@code put-programme.json}.
 */
class RegistrationHandlerTest {
    private static final Path EVENTS = ProjectFiles.root().resolve("events/registration");
    private static final String PLACEHOLDER = "00000000-0000-4000-8000-000000000001";
    private static final String PROGRAMME_ID = "kota-tangerang";
    /** 09:00 on 10 March 2025 in Jakarta: approvals today are covered from 1 April (R-20). */
    private static final Clock MARCH_10 = Clock.fixed(Instant.parse("2025-03-10T02:00:00Z"), ZoneId.of("Asia/Jakarta"));
    /** 10:00 on 12 May 2025 in Jakarta: staff record an end that took effect on 10 May. */
    private static final Clock MAY_12 = Clock.fixed(Instant.parse("2025-05-12T03:00:00Z"), ZoneId.of("Asia/Jakarta"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITI_NIK = "3671014507850001";

    private static DynamoDbClient client;
    private static SamTemplate template;

    private String table;
    private RegistrationHandler handler;

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
    void freshTableWithProgramme() {
        table = "handler-" + UUID.randomUUID();
        TableFromTemplate.create(client, template, table);
        handler = handlerAt(MARCH_10);
        assertThat(send(event("put-programme.json")).status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ helpers

    private RegistrationHandler handlerAt(Clock clock) {
        return new RegistrationHandler(client, table, PROGRAMME_ID, clock);
    }

    private LambdaResponse send(APIGatewayV2HTTPEvent event) {
        return send(handler, event);
    }

    private static LambdaResponse send(RegistrationHandler handler, APIGatewayV2HTTPEvent event) {
        return LambdaResponse.of(handler.handleRequest(event, null));
    }

    private static APIGatewayV2HTTPEvent event(String file) {
        return SampleEvents.httpEvent(EVENTS.resolve(file));
    }

    /** The event with the placeholder registration id replaced wherever it appears. */
    private static APIGatewayV2HTTPEvent event(String file, String id) {
        APIGatewayV2HTTPEvent e = event(file);
        if (e.getPathParameters() != null && e.getPathParameters().containsKey("id")) {
            e.getPathParameters().put("id", id);
        }
        e.setRawPath(e.getRawPath().replace(PLACEHOLDER, id));
        e.getRequestContext().getHttp().setPath(e.getRequestContext().getHttp().getPath().replace(PLACEHOLDER, id));
        return e;
    }

    private static APIGatewayV2HTTPEvent withKey(APIGatewayV2HTTPEvent e, String key) {
        Map<String, String> headers = new HashMap<>(e.getHeaders());
        headers.remove("idempotency-key");
        if (key != null) {
            headers.put("idempotency-key", key);
        }
        e.setHeaders(headers);
        return e;
    }

    private static APIGatewayV2HTTPEvent withoutKey(APIGatewayV2HTTPEvent e) {
        return withKey(e, null);
    }

    private static APIGatewayV2HTTPEvent withBody(APIGatewayV2HTTPEvent e, String body) {
        e.setBody(body);
        return e;
    }

    private static APIGatewayV2HTTPEvent withHeader(APIGatewayV2HTTPEvent e, String name, String value) {
        Map<String, String> headers = new HashMap<>(e.getHeaders());
        headers.put(name, value);
        e.setHeaders(headers);
        return e;
    }

    private static APIGatewayV2HTTPEvent withQuery(APIGatewayV2HTTPEvent e, Map<String, String> query) {
        e.setQueryStringParameters(new LinkedHashMap<>(query));
        e.setRawQueryString(String.join("&", query.entrySet().stream().map(q -> q.getKey() + "=" + q.getValue()).toList()));
        return e;
    }

    /** The same request made with the citizen portal's identity. */
    private static APIGatewayV2HTTPEvent asPortal(APIGatewayV2HTTPEvent e) {
        e.getRequestContext().setAuthorizer(event("get-programme-portal.json").getRequestContext().getAuthorizer());
        return e;
    }

    /** The same request without what the JWT authorizer passes on. */
    private static APIGatewayV2HTTPEvent anonymous(APIGatewayV2HTTPEvent e) {
        e.getRequestContext().setAuthorizer(null);
        return e;
    }

    private static ObjectNode bodyOf(String file) {
        try {
            return (ObjectNode) JSON.readTree(event(file).getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Budi Santoso's staff application with another NIK sequence (same birth date, so still R-10 valid). */
    private static String applicationBody(int seq) {
        ObjectNode body = bodyOf("post-registration-staff.json");
        body.put("nik", String.format("367102120379%04d", seq));
        return body.toString();
    }

    /** Registers applicant {@code seq} as staff (a fresh request each time) and returns its id. */
    private String register(int seq) {
        LambdaResponse r = send(withBody(withoutKey(event("post-registration-staff.json")), applicationBody(seq)));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().path("id").asText();
    }

    private LambdaResponse approve(String id) {
        return send(withoutKey(event("approve-registration.json", id)));
    }

    private LambdaResponse putProgramme(Map<String, Object> changes) {
        ObjectNode body = bodyOf("put-programme.json");
        changes.forEach((k, v) -> body.set(k, JSON.valueToTree(v)));
        return send(withBody(event("put-programme.json"), body.toString()));
    }

    private JsonNode programme() {
        LambdaResponse r = send(event("get-programme-staff.json"));
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    private JsonNode counts() {
        return programme().path("counts");
    }

    private JsonNode registration(String id) {
        LambdaResponse r = send(event("get-registration-staff.json", id));
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    private static List<String> fieldsOf(JsonNode errors) {
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    private static List<String> codesOf(JsonNode array) {
        List<String> codes = new ArrayList<>();
        array.forEach(e -> codes.add(e.path("code").asText()));
        return codes;
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

    private static List<String> eventFiles() {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ the README's table

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @DisplayName("events/README.md: each event on its own, on a freshly set-up programme")
    @CsvSource({
            "get-programme-staff.json, 200,",
            "get-programme-portal.json, 200,",
            "put-programme.json, 200,",
            "post-registration-portal.json, 201,",
            "post-registration-staff.json, 201,",
            "post-registration-invalid.json, 400, VALIDATION_FAILED",
            "post-registration-ineligible.json, 422, INELIGIBLE",
            "get-registration-staff.json, 404, REGISTRATION_NOT_FOUND",
            "get-registration-portal.json, 404, REGISTRATION_NOT_FOUND",
            "list-registrations-staff.json, 200,",
            "search-registrations-portal.json, 200,",
            "approve-registration.json, 404, REGISTRATION_NOT_FOUND",
            "reject-registration.json, 404, REGISTRATION_NOT_FOUND",
            "end-registration.json, 404, REGISTRATION_NOT_FOUND",
            "import-registrations.json, 200,",
            "record-kpj-numbers.json, 200,",
            "search-registrations-by-body-portal.json, 200,",
            "search-registrations-by-name-staff.json, 200,",
            "post-import.json, 201,",
            "get-import.json, 404, IMPORT_NOT_FOUND",
            "get-import-report.json, 404, IMPORT_NOT_FOUND",
            "get-import-report-file.json, 404, IMPORT_NOT_FOUND",
    })
    void eachEvent_onAFreshProgramme_answersAsTheReadmeSays(String file, int status, String code) {
        LambdaResponse r = send(event(file));
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        if (code != null) {
            assertProblem(r, status, code);
        }
    }

    @Test
    void listAndSearch_onAFreshProgramme_areEmpty_withoutNextCursor() {
        for (String file : List.of("list-registrations-staff.json", "search-registrations-portal.json",
                "search-registrations-by-name-staff.json")) {
            LambdaResponse r = send(event(file));
            assertThat(r.body().path("items")).as(file).isEmpty();
            assertThat(r.body().has("nextCursor")).as(file).isFalse();
        }
    }

    @Test
    void portalNikLookupInTheBody_findsTheRegistrations_maskedAsTheGetDoes() {
        String id = register(1);
        String nik = String.format("367102120379%04d", 1);
        LambdaResponse viaBody = send(withBody(withoutKey(event("search-registrations-by-body-portal.json")), "{\"nik\": \"" + nik + "\"}"));
        assertThat(viaBody.status()).as(viaBody.raw()).isEqualTo(200);
        assertThat(viaBody.body().path("items")).singleElement().satisfies(item -> {
            assertThat(item.path("id").asText()).isEqualTo(id);
            assertThat(item.path("nik").asText()).isEqualTo(nik.substring(0, 4) + "********" + nik.substring(12));
        });
        assertThat(viaBody.raw()).doesNotContain(nik);
        assertProblem(send(withBody(withoutKey(event("search-registrations-by-body-portal.json")), "{\"nik\": \"12\"}")), 400, "VALIDATION_FAILED");
        assertProblem(send(withBody(withoutKey(event("search-registrations-by-body-portal.json")), "{}")), 400, "VALIDATION_FAILED");
    }

    @Test
    void everyEventFile_isCoveredByTheReadmeTable() {
        assertThat(eventFiles()).hasSize(23);
    }

    @Test
    void reEnrolEvent_withNobodyLapsed_reEnrolsNobody_R06() {
        LambdaResponse r = send(event("re-enrol-lapsed.json"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("reEnrolled").asInt()).isZero();
        assertThat(r.body().path("rows")).isEmpty();
        assertThat(send(asPortal(event("re-enrol-lapsed.json"))).status()).isEqualTo(403);
    }

    @Test
    void noEvent_everAnswers500_asItIs_withARealId_asPortal_orAnonymously() {
        String pending = register(1);
        String active = register(2);
        approve(active);
        List<String> problems = new ArrayList<>();
        for (String file : eventFiles()) {
            List<APIGatewayV2HTTPEvent> variants = List.of(event(file), event(file, pending), withoutKey(event(file, active)),
                    asPortal(event(file, pending)), anonymous(event(file)));
            for (APIGatewayV2HTTPEvent variant : variants) {
                LambdaResponse r = send(variant);
                if (r.status() >= 500) {
                    problems.add(file + " " + variant.getRawPath() + " -> " + r.raw());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    // ------------------------------------------------------------------ programme

    @Test
    void putProgramme_savesTheContractBody_andGetShowsCountsRateAndBudget() {
        LambdaResponse put = send(event("put-programme.json"));
        assertThat(put.status()).isEqualTo(200);
        JsonNode p = put.body();
        assertThat(p.path("quota").asInt()).isEqualTo(5952);
        assertThat(p.path("coverageStartDelayMonths").asInt()).isEqualTo(1);
        assertThat(p.path("kecamatan")).hasSize(13);

        JsonNode got = programme();
        assertThat(got.path("counts").path("ACTIVE").asLong()).isZero();
        assertThat(got.path("counts").path("PENDING_REVIEW").asLong()).isZero();
        assertThat(got.path("rateInForce").path("month").asText()).isEqualTo("2025-03");
        assertThat(got.path("rateInForce").path("total").asLong()).isEqualTo(16_800L); // R-03
        assertThat(got.path("rateInForce").path("declaredIncome").asLong()).isEqualTo(1_000_000L); // R-01
        assertThat(got.path("rates").get(0).path("declaredIncome").asLong()).isEqualTo(1_000_000L);
        assertThat(got.has("declaredIncome")).as("the rate rows carry the income").isFalse();
        JsonNode budget = got.path("budgets").get(0);
        assertThat(budget.path("year").asInt()).isEqualTo(2025);
        assertThat(budget.path("allocation").asLong()).isEqualTo(1_199_923_200L); // R-07
        assertThat(budget.path("remaining").asLong()).isEqualTo(1_199_923_200L);
        // The portal sees the same programme, without the staff's breakdown by kecamatan and occupation.
        ObjectNode withoutBreakdown = got.deepCopy();
        assertThat(withoutBreakdown.remove("breakdown")).isNotNull();
        assertThat(send(event("get-programme-portal.json")).body()).isEqualTo(withoutBreakdown);
    }

    @Test
    void getProgramme_showsStaffTheCountsByKecamatanAndOccupation_andThePortalNone() {
        String pending = register(1); // Budi: Cipondoh, OJEK_DRIVER
        assertThat(send(event("import-registrations.json")).body().path("accepted").asInt()).isEqualTo(3);
        send(withoutKey(event("reject-registration.json", pending)));

        JsonNode breakdown = programme().path("breakdown");
        List<String> kecamatan = new ArrayList<>();
        breakdown.path("byKecamatan").forEach(k -> kecamatan.add(k.path("kecamatan").asText()));
        assertThat(kecamatan).as("every kecamatan of the programme, in its order and spelling").containsExactly("Batuceper", "Benda",
                "Cibodas", "Ciledug", "Cipondoh", "Jatiuwung", "Karangtengah", "Karawaci", "Larangan", "Neglasari", "Periuk", "Pinang",
                "Tangerang");
        JsonNode karawaci = breakdown.path("byKecamatan").get(7).path("counts");
        assertThat(karawaci.path("ACTIVE").asLong()).isEqualTo(1);
        assertThat(karawaci.path("PENDING_REVIEW").asLong()).isZero();
        assertThat(karawaci.size()).as("a count for every status").isEqualTo(5);
        assertThat(breakdown.path("byKecamatan").get(4).path("counts").path("REJECTED").asLong()).as("Cipondoh").isEqualTo(1);
        assertThat(breakdown.path("byKecamatan").get(1).path("counts").path("ACTIVE").asLong()).as("Benda: nobody").isZero();

        List<String> occupations = new ArrayList<>();
        breakdown.path("byOccupation").forEach(o -> occupations.add(o.path("occupation").asText()));
        assertThat(occupations).containsExactly("FISHER", "FARMER", "OJEK_DRIVER", "DAILY_LABOURER", "PUBLIC_TRANSPORT_DRIVER",
                "PARKING_ATTENDANT", "DISABLED_WORKER", "OTHER_INFORMAL");
        assertThat(breakdown.path("byOccupation").get(2).path("counts").path("REJECTED").asLong()).isEqualTo(1);
        assertThat(breakdown.path("byOccupation").get(7).path("counts").path("ACTIVE").asLong()).as("Rina").isEqualTo(1);
        long active = 0;
        for (JsonNode k : breakdown.path("byKecamatan")) {
            active += k.path("counts").path("ACTIVE").asLong();
        }
        assertThat(active).isEqualTo(counts().path("ACTIVE").asLong()).isEqualTo(3);

        LambdaResponse portal = send(event("get-programme-portal.json"));
        assertThat(portal.status()).isEqualTo(200);
        assertThat(portal.body().has("breakdown")).as("staff only").isFalse();
        assertThat(portal.body().path("counts").path("ACTIVE").asLong()).isEqualTo(3);
    }

    @Test
    void putProgramme_withInvalidFields_is400_withEveryFieldError() {
        String body = """
                {"name": "", "quota": 0, "kecamatan": ["Karawaci", "karawaci"], "eligibleOccupations": ["ASTRONAUT"],
                 "dtsenMaxDecile": 11, "minAge": 70, "maxAge": 60, "declaredIncome": -1,
                 "rates": [{"from": "2025-13", "jkk": -1, "jkm": 6800}],
                 "budgets": [{"year": 2025, "allocation": 1}, {"year": 2025, "allocation": 2}]}""";
        LambdaResponse r = send(withBody(event("put-programme.json"), body));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldsOf(r.body().path("errors"))).contains("name", "quota", "kecamatan", "eligibleOccupations[0]",
                "dtsenMaxDecile", "maxAge", "declaredIncome", "rates[0].from", "rates[0].jkk", "budgets");
        assertThat(programme().path("quota").asInt()).isEqualTo(5952);
    }

    @Test
    void putProgramme_withJkkNotOnePercentOfTheRowsIncome_is422_andLeavesTheStoredSettings_R01() {
        JsonNode before = programme();
        LambdaResponse r = putProgramme(Map.of("quota", 100, "rates", List.of(
                Map.of("from", "2025-01", "declaredIncome", 1_000_000, "jkk", 10_000, "jkm", 6_800),
                Map.of("from", "2026-01", "declaredIncome", 2_000_000, "jkk", 10_000, "jkm", 6_800))));
        assertProblem(r, 422, "JKK_NOT_ONE_PERCENT_OF_INCOME");
        assertThat(r.body().path("detail").asText()).contains("2026-01").doesNotContain("2025-01");
        assertThat(programme()).isEqualTo(before);
    }

    @Test
    void putProgramme_rateRowsWithTheirOwnIncome_areShownRowByRow_R01_R04() {
        LambdaResponse r = putProgramme(Map.of("rates", List.of(
                Map.of("from", "2025-01", "declaredIncome", 1_000_000, "jkk", 10_000, "jkm", 6_800),
                Map.of("from", "2026-01", "declaredIncome", 2_000_000, "jkk", 20_000, "jkm", 6_800))));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode rates = programme().path("rates");
        assertThat(rates).hasSize(2);
        assertThat(rates.get(1).path("from").asText()).isEqualTo("2026-01");
        assertThat(rates.get(1).path("declaredIncome").asLong()).isEqualTo(2_000_000L);
        assertThat(programme().path("rateInForce").path("declaredIncome").asLong()).isEqualTo(1_000_000L); // March 2025
    }

    @Test
    void putProgramme_fromAnOldClient_withOneDeclaredIncomeForTheProgramme_givesItToRowsWithoutTheirOwn_R01() {
        ObjectNode body = bodyOf("put-programme.json");
        body.put("declaredIncome", 1_000_000);
        body.set("rates", JSON.valueToTree(List.of(
                Map.of("from", "2025-01", "jkk", 10_000, "jkm", 6_800),
                Map.of("from", "2026-01", "declaredIncome", 2_000_000, "jkk", 20_000, "jkm", 6_800))));
        LambdaResponse r = send(withBody(event("put-programme.json"), body.toString()));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode rates = programme().path("rates");
        assertThat(rates.get(0).path("declaredIncome").asLong()).isEqualTo(1_000_000L);
        assertThat(rates.get(1).path("declaredIncome").asLong()).isEqualTo(2_000_000L);
    }

    @Test
    void putProgramme_rateRowWithoutIncome_andNoProgrammeWideIncome_is400_R01() {
        LambdaResponse r = putProgramme(Map.of("rates", List.of(Map.of("from", "2025-01", "jkk", 10_000, "jkm", 6_800))));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldsOf(r.body().path("errors"))).containsExactly("rates[0].declaredIncome");
    }

    @Test
    void putProgramme_withHolidays_storesThem_andGetReturnsThemSorted_R05() {
        assertThat(programme().path("holidays")).as("optional, empty by default").isEmpty();
        LambdaResponse r = putProgramme(Map.of("holidays", List.of("2025-12-25", "2025-03-31", "2025-08-17")));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<String> holidays = new ArrayList<>();
        programme().path("holidays").forEach(h -> holidays.add(h.asText()));
        assertThat(holidays).containsExactly("2025-03-31", "2025-08-17", "2025-12-25");
    }

    @Test
    void putProgramme_withBadHolidays_is400_withAnErrorForEachDate_andKeepsTheSettings_R05() {
        JsonNode before = programme();
        LambdaResponse r = send(withBody(event("put-programme.json"), bodyOf("put-programme.json")
                .set("holidays", JSON.valueToTree(List.of("2025-13-01", "1999-12-25", "2025-08-17", "2025-08-17", 5, "2101-01-01")))
                .toString()));
        assertProblem(r, 400, "VALIDATION_FAILED");
        JsonNode errors = r.body().path("errors");
        assertThat(fieldsOf(errors)).containsExactly("holidays[0]", "holidays[4]", "holidays[1]", "holidays[3]", "holidays[5]");
        assertThat(codesOf(errors)).containsExactly("INVALID_FORMAT", "INVALID_TYPE", "OUT_OF_RANGE", "DUPLICATE", "OUT_OF_RANGE");
        assertThat(programme()).isEqualTo(before);
        assertProblem(putProgramme(Map.of("holidays", "2025-08-17")), 400, "VALIDATION_FAILED");
    }

    /** The programme item as stored, counters included. */
    private Map<String, AttributeValue> programmeItem() {
        return client.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                "PK", AttributeValue.fromS("PROG#" + PROGRAMME_ID), "SK", AttributeValue.fromS("PROGRAMME")))).item();
    }

    /** A rate row of the hostile-request run (issue 8): its month was stored, then could not be read back. */
    private static final Map<String, Object> YEAR_10000_ROW = Map.of("from", "+10000-01", "declaredIncome", 100, "jkk", 1, "jkm", 1);

    @Test
    void putProgramme_withARateRowInTheYear10000_is400_andStoresNothing_soEveryRouteStillAnswers_R04() {
        Map<String, AttributeValue> storedBefore = programmeItem();
        JsonNode shownBefore = programme();

        LambdaResponse r = putProgramme(Map.of("rates", List.of(YEAR_10000_ROW)));

        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldsOf(r.body().path("errors"))).containsExactly("rates[0].from");
        // A signed, five-digit year is not a plain YYYY-MM at all.
        assertThat(codesOf(r.body().path("errors"))).containsExactly("INVALID_FORMAT");
        assertThat(programmeItem()).isEqualTo(storedBefore);
        assertThat(programme()).isEqualTo(shownBefore);
        assertThat(send(event("post-registration-portal.json")).status()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0} = {1} -> 400 on {2}")
    @DisplayName("PUT /programme: every value outside its bound is 400 on its field, and the stored settings stay")
    @CsvSource(delimiter = '|', value = {
            "rates      | [{\"from\": \"1999-12\", \"declaredIncome\": 1000000, \"jkk\": 10000, \"jkm\": 6800}]   | rates[0].from",
            "rates      | [{\"from\": \"2101-01\", \"declaredIncome\": 1000000, \"jkk\": 10000, \"jkm\": 6800}]   | rates[0].from",
            "rates      | [{\"from\": \"-0001-01\", \"declaredIncome\": 1000000, \"jkk\": 10000, \"jkm\": 6800}]  | rates[0].from",
            "rates      | [{\"from\": \"2025-01\", \"declaredIncome\": 0, \"jkk\": 10000, \"jkm\": 6800}]         | rates[0].declaredIncome",
            "rates      | [{\"from\": \"2025-01\", \"declaredIncome\": 10000000100, \"jkk\": 10000, \"jkm\": 6800}] | rates[0].declaredIncome",
            "rates      | [{\"from\": \"2025-01\", \"declaredIncome\": 1000000, \"jkk\": 0, \"jkm\": 6800}]       | rates[0].jkk",
            "rates      | [{\"from\": \"2025-01\", \"declaredIncome\": 1000000, \"jkk\": 10000, \"jkm\": 0}]      | rates[0].jkm",
            "rates      | [{\"from\": \"2025-01\", \"declaredIncome\": 1000000, \"jkk\": 10000, \"jkm\": 100000001}] | rates[0].jkm",
            "budgets    | [{\"year\": 1999, \"allocation\": 1000}]              | budgets[0].year",
            "budgets    | [{\"year\": 2101, \"allocation\": 1000}]              | budgets[0].year",
            "budgets    | [{\"year\": 2025, \"allocation\": 0}]                 | budgets[0].allocation",
            "budgets    | [{\"year\": 2025, \"allocation\": 1000000000000000001}] | budgets[0].allocation",
            "holidays   | [\"2101-01-01\"]                                     | holidays[0]",
            "quota      | 10000001                                             | quota",
            "declaredIncome | 10000000001                                      | declaredIncome",
    })
    void putProgramme_withAValueOutOfBounds_is400OnItsField_andStoresNothing(String field, String json, String errorField) throws IOException {
        Map<String, AttributeValue> storedBefore = programmeItem();
        LambdaResponse r = send(withBody(event("put-programme.json"), bodyOf("put-programme.json").set(field, JSON.readTree(json)).toString()));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldsOf(r.body().path("errors"))).containsExactly(errorField);
        // "-0001-01" is refused as not a plain YYYY-MM before its range is looked at.
        assertThat(codesOf(r.body().path("errors"))).singleElement().isIn("OUT_OF_RANGE", "INVALID_FORMAT");
        assertThat(programmeItem()).isEqualTo(storedBefore);
    }

    @Test
    void putProgramme_withOverlongListsOrNames_is400_withOneErrorPerList_andStoresNothing() {
        Map<String, AttributeValue> storedBefore = programmeItem();
        List<String> kecamatan = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            kecamatan.add("Kecamatan " + i);
        }
        List<String> holidays = new ArrayList<>();
        for (int i = 0; i < 401; i++) {
            holidays.add(java.time.LocalDate.of(2025, 1, 1).plusDays(i).toString());
        }
        List<Map<String, Object>> rates = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            rates.add(Map.of("from", java.time.YearMonth.of(2025, 1).plusMonths(i).toString(), "declaredIncome", 1_000_000, "jkk", 10_000, "jkm", 6_800));
        }
        List<Map<String, Object>> budgets = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            budgets.add(Map.of("year", 2000 + i, "allocation", 1_000));
        }
        LambdaResponse r = putProgramme(Map.of("kecamatan", kecamatan, "holidays", holidays, "rates", rates, "budgets", budgets,
                "eligibleOccupations", List.of("FISHER", "FARMER", "OJEK_DRIVER", "DAILY_LABOURER", "PUBLIC_TRANSPORT_DRIVER",
                        "PARKING_ATTENDANT", "DISABLED_WORKER", "OTHER_INFORMAL", "FISHER"),
                "name", "N".repeat(201)));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldsOf(r.body().path("errors")))
                .containsExactlyInAnyOrder("name", "kecamatan", "eligibleOccupations", "rates", "budgets", "holidays");
        assertThat(programmeItem()).isEqualTo(storedBefore);

        LambdaResponse longName = putProgramme(Map.of("kecamatan", List.of("K".repeat(101))));
        assertProblem(longName, 400, "VALIDATION_FAILED");
        assertThat(fieldsOf(longName.body().path("errors"))).containsExactly("kecamatan[0]");
        assertThat(programmeItem()).isEqualTo(storedBefore);
    }

    @Test
    void putProgramme_atEveryBound_isSaved_andReadsBackAsSent() {
        LambdaResponse r = putProgramme(Map.of("quota", 10_000_000,
                "rates", List.of(Map.of("from", "2000-01", "declaredIncome", 10_000_000_000L, "jkk", 100_000_000, "jkm", 100_000_000),
                        Map.of("from", "2100-12", "declaredIncome", 100, "jkk", 1, "jkm", 1)),
                "budgets", List.of(Map.of("year", 2000, "allocation", 1), Map.of("year", 2100, "allocation", 1_000_000_000_000_000L)),
                "holidays", List.of("2000-01-01", "2100-12-31")));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode got = programme();
        assertThat(got).isEqualTo(r.body());
        assertThat(got.path("rates").get(1).path("from").asText()).isEqualTo("2100-12");
        assertThat(got.path("holidays").get(1).asText()).isEqualTo("2100-12-31");
    }

    @Test
    void aProgrammeItemStoredBeforeTheBounds_withAYear10000RateRow_isStillRead_andAValidPutReplacesIt_R04() {
        // As the hostile request left it: YearMonth wrote the year 10000 as "10000-01", without a sign.
        client.updateItem(u -> u.tableName(table)
                .key(Map.of("PK", AttributeValue.fromS("PROG#" + PROGRAMME_ID), "SK", AttributeValue.fromS("PROGRAMME")))
                .updateExpression("SET rates = list_append(rates, :row)")
                .expressionAttributeValues(Map.of(":row", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                        "from", AttributeValue.fromS("10000-01"), "declaredIncome", AttributeValue.fromN("100"),
                        "jkk", AttributeValue.fromN("1"), "jkm", AttributeValue.fromN("1"))))))));

        JsonNode shown = programme();
        assertThat(shown.path("rates")).hasSize(2);
        assertThat(shown.path("rates").get(1).path("from").asText()).isEqualTo("10000-01");
        assertThat(shown.path("rateInForce").path("total").asLong()).isEqualTo(16_800L);
        assertThat(send(event("post-registration-portal.json")).status()).isEqualTo(201);

        assertThat(send(event("put-programme.json")).status()).isEqualTo(200);
        assertThat(programme().path("rates")).hasSize(1);
    }

    @Test
    void putProgramme_withMalformedJsonOrMissingBody_is400() {
        assertProblem(send(withBody(event("put-programme.json"), "{\"quota\": ")), 400, "MALFORMED_JSON");
        assertProblem(send(withBody(event("put-programme.json"), null)), 400, "MALFORMED_JSON");
        assertProblem(send(withBody(event("put-programme.json"), "[1, 2]")), 400, "MALFORMED_JSON");
    }

    @Test
    void putProgramme_belowTheActiveCount_is422QuotaBelowActiveCount_R17() {
        assertThat(putProgramme(Map.of("quota", 2)).status()).isEqualTo(200);
        approve(register(1));
        approve(register(2));
        LambdaResponse r = putProgramme(Map.of("quota", 1));
        assertProblem(r, 422, "QUOTA_BELOW_ACTIVE_COUNT");
        assertThat(programme().path("quota").asInt()).isEqualTo(2);
        assertThat(counts().path("ACTIVE").asInt()).isEqualTo(2);
    }

    @Test
    void putProgramme_raisingTheQuota_promotesTheWaitlist_R17() {
        putProgramme(Map.of("quota", 1));
        approve(register(1));
        String waiting = register(2);
        assertThat(approve(waiting).body().path("status").asText()).isEqualTo("WAITLISTED");

        LambdaResponse r = putProgramme(Map.of("quota", 2));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("counts").path("ACTIVE").asInt()).isEqualTo(2);
        assertThat(r.body().path("counts").path("WAITLISTED").asInt()).isZero();
        assertThat(registration(waiting).path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void putProgramme_byThePortal_is403() {
        assertProblem(send(asPortal(event("put-programme.json"))), 403, "FORBIDDEN");
    }

    // ------------------------------------------------------------------ applications

    @Test
    void portalApplication_is201PendingReview_withLocation_andAMaskedNik() {
        LambdaResponse r = send(event("post-registration-portal.json"));
        assertThat(r.status()).isEqualTo(201);
        String id = r.body().path("id").asText();
        assertThat(id).isNotBlank();
        assertThat(r.header("Location")).isEqualTo("/registrations/" + id);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = r.body();
        assertThat(body.path("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(body.path("nik").asText()).isEqualTo("3671********0001");
        assertThat(body.path("fullName").asText()).isEqualTo("Siti Aminah");
        assertThat(body.path("kecamatan").asText()).isEqualTo("Karawaci");
        assertThat(body.path("occupation").asText()).isEqualTo("PARKING_ATTENDANT");
        assertThat(body.path("submittedAt").asText()).startsWith("2025-03-10T09:00");
        assertThat(body.has("history")).isFalse();
        assertThat(body.has("birthDate")).isFalse();
        assertThat(body.has("address")).isFalse();
        assertThat(body.has("phone")).isFalse();
        assertThat(r.raw()).doesNotContain(SITI_NIK).doesNotContain("1985-07-05");
    }

    @Test
    void staffApplication_is201_withTheFullNik_sourceAndHistory() {
        LambdaResponse r = send(event("post-registration-staff.json"));
        assertThat(r.status()).isEqualTo(201);
        JsonNode body = r.body();
        assertThat(body.path("nik").asText()).isEqualTo("3671021203790002");
        assertThat(body.path("fullName").asText()).isEqualTo("Budi Santoso");
        assertThat(body.path("source").asText()).isEqualTo("STAFF");
        assertThat(body.path("birthDate").asText()).isEqualTo("1979-03-12");
        assertThat(body.path("history")).hasSize(1);
        JsonNode first = body.path("history").get(0);
        assertThat(first.path("to").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(first.path("by").asText()).isEqualTo("staff:Sri Wulandari");
        assertThat(first.has("from")).isFalse();
    }

    @Test
    void getRegistration_masksTheNikForThePortal_andShowsEverythingToStaff() {
        String id = send(event("post-registration-portal.json")).body().path("id").asText();

        LambdaResponse portal = send(event("get-registration-portal.json", id));
        assertThat(portal.status()).isEqualTo(200);
        assertThat(portal.body().path("nik").asText()).isEqualTo("3671********0001");
        assertThat(portal.body().has("history")).isFalse();
        assertThat(portal.body().has("birthDate")).isFalse();
        assertThat(portal.raw()).doesNotContain(SITI_NIK);
        assertThat(portal.body().path("consecutivePaidMonths").asInt()).isZero();

        LambdaResponse staff = send(event("get-registration-staff.json", id));
        assertThat(staff.status()).isEqualTo(200);
        assertThat(staff.body().path("nik").asText()).isEqualTo(SITI_NIK);
        assertThat(staff.body().path("history")).hasSize(1);
        assertThat(staff.body().path("history").get(0).path("by").asText()).isEqualTo("portal:portalclientexample");
        assertThat(staff.body().path("address").path("kelurahan").asText()).isEqualTo("Sukajadi");
    }

    @Test
    void invalidApplication_is400_withEveryFieldErrorAtOnce() {
        LambdaResponse r = send(event("post-registration-invalid.json"));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldsOf(r.body().path("errors"))).containsExactlyInAnyOrder("nik", "birthDate", "occupation");
        assertThat(r.body().path("errors")).allSatisfy(e -> {
            assertThat(e.path("code").asText()).matches("[A-Z_]+");
            assertThat(e.path("message").asText()).isNotBlank();
        });
        assertThat(codesOf(r.body().path("errors"))).containsExactlyInAnyOrder("INVALID_FORMAT", "INVALID_FORMAT", "REQUIRED");
    }

    @Test
    void nonJsonBody_is400MalformedJson() {
        LambdaResponse r = send(withBody(withoutKey(event("post-registration-portal.json")), "nik=3671014507850001&fullName=Siti"));
        assertProblem(r, 400, "MALFORMED_JSON");
    }

    @Test
    void applicationSentAsForm_is415() {
        LambdaResponse r = send(withHeader(withoutKey(event("post-registration-portal.json")), "content-type", "application/x-www-form-urlencoded"));
        assertProblem(r, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void ineligibleApplication_is422_withEveryReason_R10_R12_R14() {
        LambdaResponse r = send(event("post-registration-ineligible.json"));
        assertProblem(r, 422, "INELIGIBLE");
        assertThat(codesOf(r.body().path("reasons"))).containsExactlyInAnyOrder(
                "NIK_BIRTH_DATE_MISMATCH", "NIK_SEX_MISMATCH", "KECAMATAN_NOT_IN_PROGRAMME", "DTSEN_DECILE_ABOVE_THRESHOLD");
        assertThat(r.body().path("reasons")).allSatisfy(reason -> {
            assertThat(reason.path("rule").asText()).startsWith("R-1");
            assertThat(reason.path("message").asText()).isNotBlank();
        });
    }

    @Test
    void disabledWorker_withOtherInformalAndNoDtsen_is201_R13() {
        ObjectNode body = bodyOf("post-registration-staff.json");
        body.put("occupation", "OTHER_INFORMAL");
        body.remove("dtsen");
        body.put("disability", true);
        LambdaResponse r = send(withBody(withoutKey(event("post-registration-staff.json")), body.toString()));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(r.body().path("occupation").asText()).isEqualTo("OTHER_INFORMAL");
        assertThat(r.body().path("disability").asBoolean()).isTrue();
    }

    @Test
    void secondApplicationOfALiveNik_withAnotherKey_is409AlreadyRegistered_R16() {
        assertThat(send(event("post-registration-portal.json")).status()).isEqualTo(201);
        LambdaResponse again = send(withKey(event("post-registration-portal.json"), "another-key-" + UUID.randomUUID()));
        assertProblem(again, 409, "ALREADY_REGISTERED");
        LambdaResponse byStaff = send(withBody(withoutKey(event("post-registration-staff.json")), bodyOf("post-registration-portal.json").toString()));
        assertProblem(byStaff, 409, "ALREADY_REGISTERED");
    }

    @Test
    void sameIdempotencyKey_andSameBody_replaysTheFirst201() {
        LambdaResponse first = send(event("post-registration-portal.json"));
        LambdaResponse replay = send(event("post-registration-portal.json"));
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.raw()).isEqualTo(first.raw());
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(counts().path("PENDING_REVIEW").asInt()).isEqualTo(1);
    }

    @Test
    void sameIdempotencyKey_withAnotherBody_is422IdempotencyKeyReused() {
        send(event("post-registration-portal.json"));
        LambdaResponse other = send(withBody(event("post-registration-portal.json"), applicationBody(9)));
        assertProblem(other, 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(counts().path("PENDING_REVIEW").asInt()).isEqualTo(1);
    }

    @Test
    void idempotencyKeys_ofDifferentCallers_doNotCollide() {
        String key = "shared-key-" + UUID.randomUUID();
        assertThat(send(withKey(event("post-registration-portal.json"), key)).status()).isEqualTo(201);
        assertThat(send(withKey(event("post-registration-staff.json"), key)).status()).isEqualTo(201);
    }

    @Test
    void refusedRequests_changeNothing() {
        String pending = send(event("post-registration-staff.json")).body().path("id").asText();
        JsonNode countsBefore = counts();
        JsonNode registrationBefore = registration(pending);

        assertProblem(send(event("post-registration-invalid.json")), 400, "VALIDATION_FAILED");
        assertProblem(send(event("post-registration-ineligible.json")), 422, "INELIGIBLE");
        assertProblem(send(withKey(event("post-registration-staff.json"), "dup-" + UUID.randomUUID())), 409, "ALREADY_REGISTERED");
        assertProblem(send(withBody(event("post-registration-staff.json"), applicationBody(5))), 422, "IDEMPOTENCY_KEY_REUSED");
        assertProblem(send(asPortal(event("approve-registration.json", pending))), 403, "FORBIDDEN");
        assertProblem(send(anonymous(event("approve-registration.json", pending))), 401, "UNAUTHENTICATED");
        assertProblem(send(event("end-registration.json", pending)), 409, "INVALID_STATUS_TRANSITION");
        assertProblem(send(withBody(event("reject-registration.json", pending), "{}")), 400, "VALIDATION_FAILED");
        assertProblem(putProgramme(Map.of("quota", 0)), 400, "VALIDATION_FAILED");

        assertThat(counts()).isEqualTo(countsBefore);
        assertThat(registration(pending)).isEqualTo(registrationBefore);
        assertThat(send(withQuery(event("list-registrations-staff.json"), Map.of("limit", "50"))).body().path("items")).hasSize(1);
    }

    // ------------------------------------------------------------------ identity and roles

    @Test
    void requestWithoutAuthorizerClaims_is401() {
        for (String file : List.of("get-programme-staff.json", "post-registration-portal.json", "approve-registration.json",
                "import-registrations.json", "list-registrations-staff.json")) {
            assertProblem(send(anonymous(event(file))), 401, "UNAUTHENTICATED");
        }
        APIGatewayV2HTTPEvent noClaims = event("get-programme-staff.json");
        noClaims.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of());
        assertProblem(send(noClaims), 401, "UNAUTHENTICATED");
    }

    @Test
    void portalCallingStaffRoutes_is403() {
        String id = register(1);
        assertProblem(send(asPortal(event("approve-registration.json", id))), 403, "FORBIDDEN");
        assertProblem(send(asPortal(event("reject-registration.json", id))), 403, "FORBIDDEN");
        assertProblem(send(asPortal(event("end-registration.json", id))), 403, "FORBIDDEN");
        assertProblem(send(asPortal(event("import-registrations.json"))), 403, "FORBIDDEN");
        assertProblem(send(asPortal(event("record-kpj-numbers.json"))), 403, "FORBIDDEN");
        assertThat(registration(id).path("status").asText()).isEqualTo("PENDING_REVIEW");
    }

    @Test
    void portalListingWithoutNik_is403() {
        assertProblem(send(asPortal(event("list-registrations-staff.json"))), 403, "FORBIDDEN");
        assertProblem(send(withQuery(event("search-registrations-portal.json"), Map.of("status", "ACTIVE"))), 403, "FORBIDDEN");
        assertProblem(send(withQuery(event("search-registrations-portal.json"), Map.of())), 403, "FORBIDDEN");
    }

    @Test
    void portalSearchByNik_findsTheApplication_masked() {
        assertThat(send(event("search-registrations-portal.json")).body().path("items")).isEmpty();
        send(event("post-registration-portal.json"));
        LambdaResponse r = send(event("search-registrations-portal.json"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("items")).hasSize(1);
        JsonNode item = r.body().path("items").get(0);
        assertThat(item.path("nik").asText()).isEqualTo("3671********0001");
        assertThat(item.path("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(item.has("history")).isFalse();
        assertThat(r.raw()).doesNotContain(SITI_NIK);
    }

    // ------------------------------------------------------------------ decisions

    @Test
    void unknownRegistration_is404RegistrationNotFound() {
        String unknown = UUID.randomUUID().toString();
        for (String file : List.of("get-registration-staff.json", "get-registration-portal.json", "approve-registration.json",
                "reject-registration.json", "end-registration.json")) {
            assertProblem(send(event(file, unknown)), 404, "REGISTRATION_NOT_FOUND");
        }
    }

    @Test
    void approve_isActive_coveredFromTheFirstOfNextMonth_R20() {
        String id = register(1);
        LambdaResponse r = send(event("approve-registration.json", id));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(r.body().path("coverageStart").asText()).isEqualTo("2025-04-01");
        assertThat(r.body().has("waitlistPosition")).isFalse();
        assertThat(r.body().path("history")).hasSize(2);
        assertThat(counts().path("ACTIVE").asInt()).isEqualTo(1);
        assertThat(programme().path("freePlaces").asInt()).isEqualTo(5951);
    }

    @Test
    void approve_atFullQuota_isWaitlisted_withItsPosition_R17() {
        putProgramme(Map.of("quota", 1));
        approve(register(1));
        LambdaResponse second = approve(register(2));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().path("status").asText()).isEqualTo("WAITLISTED");
        assertThat(second.body().path("waitlistPosition").asInt()).isEqualTo(1);
        assertThat(second.body().has("coverageStart")).isFalse();
        assertThat(counts().path("ACTIVE").asInt()).isEqualTo(1);
        assertThat(counts().path("WAITLISTED").asInt()).isEqualTo(1);
    }

    @Test
    void approve_twice_is409InvalidStatusTransition() {
        String id = register(1);
        approve(id);
        assertProblem(approve(id), 409, "INVALID_STATUS_TRANSITION");
    }

    @Test
    void reject_isRejected_withTheReason_andTheNikMayApplyAgain_R16() {
        String id = register(1);
        LambdaResponse r = send(event("reject-registration.json", id));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("status").asText()).isEqualTo("REJECTED");
        assertThat(r.body().path("rejectionReason").asText()).isEqualTo("Dokumen KTP tidak terbaca");
        assertThat(r.body().path("history").get(1).path("reason").asText()).isEqualTo("Dokumen KTP tidak terbaca");
        assertThat(counts().path("REJECTED").asInt()).isEqualTo(1);
        register(1);
    }

    @Test
    void end_isEnded_withCoverageEnd_andPromotesTheWaitlistHead_R17_R20() {
        putProgramme(Map.of("quota", 1));
        String active = register(1);
        approve(active);
        String waiting = register(2);
        approve(waiting);

        // Recorded on 12 May for a move on 10 May (the event's effectiveDate).
        LambdaResponse r = send(handlerAt(MAY_12), event("end-registration.json", active));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("status").asText()).isEqualTo("ENDED");
        assertThat(r.body().path("endReason").asText()).isEqualTo("MOVED_AWAY");
        assertThat(r.body().path("endEffectiveDate").asText()).isEqualTo("2025-05-10");
        assertThat(r.body().path("coverageStart").asText()).isEqualTo("2025-04-01");
        assertThat(r.body().path("coverageEnd").asText()).isEqualTo("2025-05-31");
        JsonNode promoted = r.body().path("promoted");
        assertThat(promoted.path("id").asText()).isEqualTo(waiting);
        assertThat(promoted.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(promoted.path("coverageStart").asText()).isEqualTo("2025-06-01");

        JsonNode counts = counts();
        assertThat(counts.path("ACTIVE").asInt()).isEqualTo(1);
        assertThat(counts.path("ENDED").asInt()).isEqualTo(1);
        assertThat(counts.path("WAITLISTED").asInt()).isZero();
    }

    @Test
    void end_withoutAWaitlist_hasNoPromoted() {
        String active = register(1);
        approve(active);
        LambdaResponse r = send(handlerAt(MAY_12), event("end-registration.json", active));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().has("promoted")).isFalse();
        assertThat(counts().path("ACTIVE").asInt()).isZero();
    }

    @Test
    void end_effectiveAfterToday_is422_andChangesNothing() {
        String active = register(1);
        approve(active);
        // The event's effectiveDate 2025-05-10 is after the programme's today (2025-03-10).
        assertProblem(send(event("end-registration.json", active)), 422, "EFFECTIVE_DATE_IN_FUTURE");
        assertThat(registration(active).path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void end_withAnUnknownReason_is400() {
        String active = register(1);
        approve(active);
        LambdaResponse r = send(withBody(event("end-registration.json", active), "{\"reason\": \"RETIRED\", \"effectiveDate\": \"2025-03-10\"}"));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldsOf(r.body().path("errors"))).containsExactly("reason");
    }

    // ------------------------------------------------------------------ decree import

    @Test
    void importDecreeList_reportsEveryRow_andAgainChangesNothing_R17() {
        LambdaResponse first = send(event("import-registrations.json"));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        JsonNode body = first.body();
        assertThat(body.path("accepted").asInt()).isEqualTo(3);
        assertThat(body.path("rejected").asInt()).isEqualTo(1);
        assertThat(body.path("unchanged").asInt()).isZero();
        JsonNode rows = body.path("rows");
        assertThat(rows).hasSize(4);
        List<Integer> lines = new ArrayList<>();
        rows.forEach(row -> lines.add(row.path("line").asInt()));
        assertThat(lines).containsExactly(2, 3, 4, 5);
        rows.forEach(row -> assertThat(row.path("nik").asText()).matches("3671\\*{8}\\d{4}"));
        assertThat(rows.get(0).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(rows.get(3).path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(codesOf(rows.get(3).path("reasons"))).containsExactly("NIK_BIRTH_DATE_MISMATCH");
        assertThat(first.raw()).doesNotContain("3671035808900004");

        String ahmad = rows.get(1).path("registrationId").asText();
        assertThat(registration(ahmad).path("coverageStart").asText()).isEqualTo("2025-01-01");
        assertThat(registration(rows.get(0).path("registrationId").asText()).path("coverageStart").asText()).isEqualTo("2025-04-01");
        assertThat(registration(ahmad).path("source").asText()).isEqualTo("IMPORT");
        JsonNode countsAfterFirst = counts();
        assertThat(countsAfterFirst.path("ACTIVE").asInt()).isEqualTo(3);

        LambdaResponse replay = send(event("import-registrations.json"));
        assertThat(replay.raw()).isEqualTo(first.raw());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");

        LambdaResponse again = send(withoutKey(event("import-registrations.json")));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("accepted").asInt()).isZero();
        assertThat(again.body().path("rejected").asInt()).isEqualTo(1);
        assertThat(again.body().path("unchanged").asInt()).isEqualTo(3);
        assertThat(counts()).isEqualTo(countsAfterFirst);
    }

    @Test
    void importDecreeList_sentAsJson_is415() {
        LambdaResponse r = send(withHeader(event("import-registrations.json"), "content-type", "application/json"));
        assertProblem(r, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(counts().path("ACTIVE").asInt()).isZero();
    }

    @Test
    void importDecreeList_withAMissingColumn_is400() {
        String csv = event("import-registrations.json").getBody().replaceFirst("kecamatan,", "");
        LambdaResponse r = send(withBody(withoutKey(event("import-registrations.json")), csv));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(codesOf(r.body().path("errors"))).contains("MISSING_COLUMN");
    }

    @Test
    void importDecreeList_approvesAPendingApplication_R17() {
        // Dewi applied through the portal before the decree named her.
        ObjectNode dewi = bodyOf("post-registration-portal.json");
        dewi.put("nik", "3671035808900004");
        dewi.put("fullName", "Dewi Lestari");
        dewi.put("birthDate", "1990-08-18");
        ((ObjectNode) dewi.path("address")).put("kecamatan", "Batuceper");
        LambdaResponse applied = send(withBody(withoutKey(event("post-registration-portal.json")), dewi.toString()));
        assertThat(applied.status()).as(applied.raw()).isEqualTo(201);
        String id = applied.body().path("id").asText();

        LambdaResponse r = send(event("import-registrations.json"));
        assertThat(r.body().path("rows").get(0).path("registrationId").asText()).isEqualTo(id);
        assertThat(registration(id).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(counts().path("PENDING_REVIEW").asInt()).isZero();
    }

    // ------------------------------------------------------------------ KPJ numbers

    private LambdaResponse recordKpj(String csv) {
        return send(withBody(withoutKey(event("record-kpj-numbers.json")), csv));
    }

    private static List<String> statusesOf(JsonNode rows) {
        List<String> statuses = new ArrayList<>();
        rows.forEach(r -> statuses.add(r.path("status").asText()));
        return statuses;
    }

    @Test
    void recordKpj_onAFreshProgramme_rejectsEveryRowOfTheSampleEvent_R21() {
        LambdaResponse r = send(event("record-kpj-numbers.json"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("recorded").asInt()).isZero();
        assertThat(r.body().path("rejected").asInt()).isEqualTo(3);
        JsonNode rows = r.body().path("rows");
        assertThat(codesOf(rows.get(0).path("reasons"))).containsExactly("NOT_REGISTERED");
        assertThat(codesOf(rows.get(2).path("reasons"))).containsExactly("KPJ_INVALID");
    }

    @Test
    void recordKpj_recordsEachRow_isUnchangedOnReimport_andTheRegistrationShowsIt_R21() {
        JsonNode imported = send(event("import-registrations.json")).body().path("rows");
        String dewi = imported.get(0).path("registrationId").asText();

        LambdaResponse first = send(event("record-kpj-numbers.json"));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        JsonNode body = first.body();
        assertThat(body.path("recorded").asInt()).isEqualTo(2);
        assertThat(body.path("unchanged").asInt()).isZero();
        assertThat(body.path("rejected").asInt()).isEqualTo(1);
        JsonNode rows = body.path("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("line").asInt()).isEqualTo(2);
        assertThat(statusesOf(rows)).containsExactly("RECORDED", "RECORDED", "REJECTED");
        rows.forEach(row -> assertThat(row.path("nik").asText()).matches("3671\\*{8}\\d{4}"));
        assertThat(rows.get(0).has("reasons")).isFalse();
        assertThat(codesOf(rows.get(2).path("reasons"))).containsExactly("KPJ_INVALID");
        assertThat(first.raw()).doesNotContain("3671035808900004");
        assertThat(registration(dewi).path("kpj").asText()).isEqualTo("25012345678");

        LambdaResponse replay = send(event("record-kpj-numbers.json"));
        assertThat(replay.raw()).isEqualTo(first.raw());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");

        LambdaResponse again = send(withoutKey(event("record-kpj-numbers.json")));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("recorded").asInt()).isZero();
        assertThat(again.body().path("unchanged").asInt()).isEqualTo(2);
        assertThat(again.body().path("rejected").asInt()).isEqualTo(1);
        assertThat(statusesOf(again.body().path("rows"))).containsExactly("UNCHANGED", "UNCHANGED", "REJECTED");
    }

    @Test
    void recordKpj_refusesRowsWithTheirOwnCodes_andRecordsTheRest_R10_R21() {
        send(event("import-registrations.json"));
        send(event("record-kpj-numbers.json"));
        LambdaResponse r = recordKpj(String.join("\n",
                "nik,kpj",
                "3671106403880006,25012345678",   // Rina with Dewi's number: KPJ_TAKEN
                "3671021203790002,25012345670",   // a valid NIK, never registered here: NOT_REGISTERED
                "367110640388,25012345671",       // not a NIK: NIK_INVALID
                "3671070101750005,25012345672",   // Ahmad's number corrected: RECORDED
                "3671070101750005,25012345673",   // Ahmad again: DUPLICATE_IN_FILE
                "3671035808900004,25012345672")); // Dewi with the number line 5 gave Ahmad: KPJ_TAKEN
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode rows = r.body().path("rows");
        assertThat(statusesOf(rows)).containsExactly("REJECTED", "REJECTED", "REJECTED", "RECORDED", "REJECTED", "REJECTED");
        assertThat(codesOf(rows.get(0).path("reasons"))).containsExactly("KPJ_TAKEN");
        assertThat(codesOf(rows.get(1).path("reasons"))).containsExactly("NOT_REGISTERED");
        assertThat(codesOf(rows.get(2).path("reasons"))).containsExactly("NIK_INVALID");
        assertThat(codesOf(rows.get(4).path("reasons"))).containsExactly("DUPLICATE_IN_FILE");
        assertThat(codesOf(rows.get(5).path("reasons"))).containsExactly("KPJ_TAKEN");
        assertThat(r.body().path("recorded").asInt()).isEqualTo(1);
        assertThat(r.body().path("rejected").asInt()).isEqualTo(5);
        assertThat(r.raw()).doesNotContain("3671106403880006").doesNotContain("3671021203790002");
    }

    @Test
    void recordKpj_withoutTheRequiredColumns_is400_listingEveryMissingOne_R21() {
        LambdaResponse r = recordKpj("nomor,kpjNumber\n3671035808900004,25012345678\n");
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(codesOf(r.body().path("errors"))).containsExactly("MISSING_COLUMN", "MISSING_COLUMN");
        assertThat(r.body().path("errors").get(0).path("message").asText()).contains("nik");
        assertThat(r.body().path("errors").get(1).path("message").asText()).contains("kpj");
        assertProblem(recordKpj(""), 400, "VALIDATION_FAILED");
        assertProblem(recordKpj("nik,kpj\n"), 400, "VALIDATION_FAILED");
    }

    @Test
    void recordKpj_ignoresOtherColumns_R21() {
        send(event("import-registrations.json"));
        LambdaResponse r = recordKpj("nik,fullName,kpj\n3671035808900004,\"Lestari, Dewi\",25012345678\n");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("recorded").asInt()).isEqualTo(1);
    }

    @Test
    void recordKpj_sentAsJson_is415() {
        assertProblem(send(withHeader(event("record-kpj-numbers.json"), "content-type", "application/json")), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    // ------------------------------------------------------------------ the waitlist in order; search by name (issue 10)

    /** Registers applicant {@code seq} as staff under {@code fullName} in {@code kecamatan}; returns its id. */
    private String register(int seq, String fullName, String kecamatan) {
        ObjectNode body = (ObjectNode) parse(applicationBody(seq));
        body.put("fullName", fullName);
        ((ObjectNode) body.path("address")).put("kecamatan", kecamatan);
        LambdaResponse r = send(withBody(withoutKey(event("post-registration-staff.json")), body.toString()));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().path("id").asText();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LambdaResponse listing(Map<String, String> query) {
        return send(withQuery(event("list-registrations-staff.json"), query));
    }

    private LambdaResponse searchWith(String body) {
        return send(withBody(withoutKey(event("search-registrations-by-body-portal.json")), body));
    }

    /** The same request with the staff's claims (the search event carries the portal's). */
    private static APIGatewayV2HTTPEvent asStaff(APIGatewayV2HTTPEvent e) {
        e.getRequestContext().setAuthorizer(event("get-programme-staff.json").getRequestContext().getAuthorizer());
        return e;
    }

    private LambdaResponse staffSearch(String body) {
        return send(asStaff(withBody(withoutKey(event("search-registrations-by-body-portal.json")), body)));
    }

    private static List<String> ids(LambdaResponse r) {
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.body().path("items").forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    @Test
    void waitlistListing_followsTheWaitlist_withEachPosition_notTheKecamatanOrder_R17() {
        assertThat(putProgramme(Map.of("quota", 1)).status()).isEqualTo(200);
        String active = register(1, "Agus Pratama", "Cipondoh");
        approve(active);
        List<String> waitlist = new ArrayList<>();
        for (Object[] p : new Object[][]{{2, "Tangerang"}, {3, "Benda"}, {4, "Ciledug"}}) {
            String id = register((int) p[0], "Budi Santoso", (String) p[1]);
            assertThat(approve(id).body().path("status").asText()).isEqualTo("WAITLISTED");
            waitlist.add(id);
        }

        LambdaResponse first = listing(Map.of("status", "WAITLISTED", "limit", "2"));
        assertThat(ids(first)).containsExactly(waitlist.get(0), waitlist.get(1));
        assertThat(first.body().path("items").get(0).path("waitlistPosition").asLong()).isEqualTo(1);
        assertThat(first.body().path("items").get(1).path("waitlistPosition").asLong()).isEqualTo(2);
        LambdaResponse second = listing(Map.of("status", "WAITLISTED", "limit", "2", "cursor", first.body().path("nextCursor").asText()));
        assertThat(ids(second)).containsExactly(waitlist.get(2));
        assertThat(second.body().path("items").get(0).path("waitlistPosition").asLong()).isEqualTo(3);
        assertThat(second.body().has("nextCursor")).isFalse();
        // One kecamatan: its registrations, with their places on the whole waitlist.
        LambdaResponse ciledug = listing(Map.of("status", "WAITLISTED", "kecamatan", "Ciledug"));
        assertThat(ids(ciledug)).containsExactly(waitlist.get(2));
        assertThat(ciledug.body().path("items").get(0).path("waitlistPosition").asLong()).isEqualTo(3);

        // The place freed by an end goes to the head; the others move up (R-17).
        assertThat(send(withBody(withoutKey(event("end-registration.json", active)),
                "{\"reason\": \"MOVED_AWAY\", \"effectiveDate\": \"2025-03-10\"}")).status()).isEqualTo(200);
        LambdaResponse after = listing(Map.of("status", "WAITLISTED"));
        assertThat(ids(after)).containsExactly(waitlist.get(1), waitlist.get(2));
        assertThat(after.body().path("items").get(0).path("waitlistPosition").asLong()).isEqualTo(1);
        assertThat(after.body().path("items").get(1).path("waitlistPosition").asLong()).isEqualTo(2);
    }

    @Test
    void nameSearch_findsEveryWordOfTheSearch_inTheQueryOrTheBody_ignoringCaseAndAccents() {
        String siti = register(1, "Siti Aminah", "Karawaci");
        String sena = register(2, "S\u00e9na \u00c1min", "Ciledug");
        String budi = register(3, "Budi Santoso", "Karawaci");
        approve(siti);

        assertThat(ids(listing(Map.of("name", "amin")))).containsExactlyInAnyOrder(siti, sena);
        assertThat(ids(listing(Map.of("name", "SANT")))).containsExactly(budi);
        assertThat(ids(listing(Map.of("name", "sena")))).containsExactly(sena);
        assertThat(ids(listing(Map.of("name", "amin", "status", "ACTIVE")))).containsExactly(siti);
        assertThat(ids(listing(Map.of("name", "amin", "kecamatan", "ciledug")))).containsExactly(sena);
        assertThat(ids(staffSearch("{\"name\": \"siti am\"}"))).containsExactly(siti);
        assertThat(ids(staffSearch("{\"name\": \"amin\", \"status\": \"PENDING_REVIEW\", \"kecamatan\": \"Ciledug\"}")))
                .containsExactly(sena);
        LambdaResponse full = staffSearch("{\"name\": \"santoso\"}");
        assertThat(full.body().path("items").get(0).path("nik").asText()).as("staff see the full record").matches("\\d{16}");
        // A NIK and a name: that NIK's registrations with that name.
        String sitiNik = String.format("367102120379%04d", 1);
        assertThat(ids(staffSearch("{\"nik\": \"" + sitiNik + "\", \"name\": \"siti\"}"))).containsExactly(siti);
        assertThat(ids(staffSearch("{\"nik\": \"" + sitiNik + "\", \"name\": \"budi\"}"))).isEmpty();
    }

    @Test
    void nameSearch_pagesWithTheCursor_inTheBodyAsInTheQuery() {
        List<String> budis = new ArrayList<>();
        for (int seq = 1; seq <= 5; seq++) {
            budis.add(register(seq, "Budi Santoso", "Cipondoh"));
        }
        register(6, "Agus Pratama", "Cipondoh");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            LambdaResponse page = staffSearch(cursor == null ? "{\"name\": \"budi\", \"limit\": 2}"
                    : "{\"name\": \"budi\", \"limit\": 2, \"cursor\": \"" + cursor + "\"}");
            seen.addAll(ids(page));
            cursor = page.body().path("nextCursor").asText(null);
        } while (cursor != null && ++pages < 10);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(budis).doesNotHaveDuplicates();
    }

    @Test
    void nameSearch_isForStaffOnly_andRefusesWhatIsNotASearch_withFieldCodes() {
        register(1, "Siti Aminah", "Karawaci");
        assertProblem(send(asPortal(withQuery(event("list-registrations-staff.json"), Map.of("name", "siti")))), 403, "FORBIDDEN");
        assertProblem(searchWith("{\"name\": \"siti\"}"), 403, "FORBIDDEN"); // the search event carries the portal's claims
        assertProblem(searchWith("{\"nik\": \"3671021203790001\", \"name\": \"siti\"}"), 403, "FORBIDDEN");

        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("a", "TOO_SHORT");
        codes.put(" - . ", "TOO_SHORT");
        codes.put("x".repeat(101), "TOO_LONG");
        codes.put("si\u0000ti", "INVALID_CHARACTERS");
        codes.forEach((name, code) -> {
            LambdaResponse viaQuery = listing(Map.of("name", name));
            assertProblem(viaQuery, 400, "VALIDATION_FAILED");
            assertThat(fieldsOf(viaQuery.body().path("errors"))).containsExactly("name");
            assertThat(codesOf(viaQuery.body().path("errors"))).as(name).containsExactly(code);
            LambdaResponse viaBody = staffSearch(JSON.createObjectNode().put("name", name).toString());
            assertProblem(viaBody, 400, "VALIDATION_FAILED");
            assertThat(codesOf(viaBody.body().path("errors"))).as(name).containsExactly(code);
        });
        LambdaResponse unknown = staffSearch("{\"name\": \"siti\", \"sort\": \"name\"}");
        assertProblem(unknown, 400, "VALIDATION_FAILED");
        assertThat(codesOf(unknown.body().path("errors"))).containsExactly("UNKNOWN_FIELD");
        LambdaResponse neither = staffSearch("{\"status\": \"ACTIVE\"}");
        assertProblem(neither, 400, "VALIDATION_FAILED");
        assertThat(codesOf(neither.body().path("errors"))).containsExactly("ONE_OF_REQUIRED");
        LambdaResponse badPaging = staffSearch("{\"name\": \"siti\", \"limit\": 0, \"cursor\": \"" + "c".repeat(2_100) + "\"}");
        assertProblem(badPaging, 400, "VALIDATION_FAILED");
        assertThat(codesOf(badPaging.body().path("errors"))).containsExactlyInAnyOrder("OUT_OF_RANGE", "INVALID_CURSOR");
    }

    @Test
    void nameSearch_neverLogsTheName_answeredOrRefused() {
        register(1, "Siti Aminah", "Karawaci");
        try (CapturedLog log = CapturedLog.of("")) {
            assertThat(ids(listing(Map.of("name", "Aminah")))).hasSize(1);
            assertThat(ids(staffSearch("{\"name\": \"Aminah\"}"))).hasSize(1);
            listing(Map.of("name", "Aminah", "limit", "0"));
            staffSearch("{\"name\": \"Aminah\", \"limit\": \"x\"}");
            send(asPortal(withQuery(event("list-registrations-staff.json"), Map.of("name", "Aminah"))));
            assertThat(log.messages()).noneSatisfy(m -> assertThat(m).containsIgnoringCase("aminah"));
            assertThat(log.records()).noneSatisfy(r -> assertThat(String.valueOf(r.getThrown())).containsIgnoringCase("aminah"));
        }
    }

    // ------------------------------------------------------------------ wadah code

    @Test
    void programme_wadahCode_isSgByDefault_andCanBeSet_R21() {
        assertThat(programme().path("wadahCode").asText()).isEqualTo("SG");
        assertThat(putProgramme(Map.of("wadahCode", "SG01")).status()).isEqualTo(200);
        assertThat(programme().path("wadahCode").asText()).isEqualTo("SG01");
        assertThat(send(event("put-programme.json")).status()).isEqualTo(200);
        assertThat(programme().path("wadahCode").asText()).as("PUT takes the whole settings").isEqualTo("SG");
    }

    @Test
    void programme_wadahCode_thatIsNotCapitalsAndDigits_is400_R21() {
        for (String bad : List.of("sg", "S-G", "ABCDEFGHIJKLMNOPQRSTU")) {
            LambdaResponse r = putProgramme(Map.of("wadahCode", bad));
            assertProblem(r, 400, "VALIDATION_FAILED");
            assertThat(fieldsOf(r.body().path("errors"))).as(bad).containsExactly("wadahCode");
        }
        assertThat(programme().path("wadahCode").asText()).isEqualTo("SG");
    }

    // ------------------------------------------------------------------ lists

    @Test
    void list_pagesWithLimitAndNextCursor() {
        List<String> ids = List.of(register(1), register(2), register(3));
        Map<String, String> query = new LinkedHashMap<>(Map.of("status", "PENDING_REVIEW", "limit", "2"));

        LambdaResponse first = send(withQuery(event("list-registrations-staff.json"), query));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.body().path("items")).hasSize(2);
        String cursor = first.body().path("nextCursor").asText(null);
        assertThat(cursor).isNotBlank();

        query.put("cursor", cursor);
        LambdaResponse second = send(withQuery(event("list-registrations-staff.json"), query));
        assertThat(second.body().path("items")).hasSize(1);
        assertThat(second.body().has("nextCursor")).isFalse();

        List<String> seen = new ArrayList<>();
        first.body().path("items").forEach(i -> seen.add(i.path("id").asText()));
        second.body().path("items").forEach(i -> seen.add(i.path("id").asText()));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(first.body().path("items").get(0).path("nik").asText()).matches("\\d{16}"); // staff see it in full
    }

    @Test
    void list_byStatusAndKecamatan_findsOnlyThoseRegistrations() {
        String karawaci = send(event("post-registration-portal.json")).body().path("id").asText();
        approve(karawaci);
        approve(register(1)); // Cipondoh
        LambdaResponse r = send(event("list-registrations-staff.json"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("items")).hasSize(1);
        assertThat(r.body().path("items").get(0).path("id").asText()).isEqualTo(karawaci);
        assertThat(r.body().has("nextCursor")).isFalse();
    }

    @Test
    void list_withBadParameters_is400_notA500() {
        register(1);
        register(2);
        assertProblem(send(withQuery(event("list-registrations-staff.json"), Map.of("limit", "0"))), 400, "VALIDATION_FAILED");
        assertProblem(send(withQuery(event("list-registrations-staff.json"), Map.of("limit", "lots"))), 400, "VALIDATION_FAILED");
        assertProblem(send(withQuery(event("list-registrations-staff.json"), Map.of("status", "DONE"))), 400, "VALIDATION_FAILED");
        assertProblem(send(withQuery(event("list-registrations-staff.json"), Map.of("sort", "name"))), 400, "VALIDATION_FAILED");
        assertProblem(send(withQuery(event("list-registrations-staff.json"), Map.of("cursor", "garbage"))), 400, "VALIDATION_FAILED");

        String pendingCursor = send(withQuery(event("list-registrations-staff.json"), Map.of("status", "PENDING_REVIEW", "limit", "1")))
                .body().path("nextCursor").asText();
        LambdaResponse reused = send(withQuery(event("list-registrations-staff.json"),
                Map.of("status", "PENDING_REVIEW", "kecamatan", "Karawaci", "cursor", pendingCursor)));
        assertProblem(reused, 400, "VALIDATION_FAILED");
        assertThat(codesOf(reused.body().path("errors"))).containsExactly("INVALID_CURSOR");
    }

    @Test
    void staffSearchByNik_showsTheFullNikAndHistory() {
        send(event("post-registration-portal.json"));
        LambdaResponse r = send(withQuery(event("list-registrations-staff.json"), Map.of("nik", SITI_NIK)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("items").get(0).path("nik").asText()).isEqualTo(SITI_NIK);
        assertThat(r.body().path("items").get(0).path("history")).hasSize(1);
    }

    // ------------------------------------------------------------------ hostile lengths and shapes (issue 8)

    /** 2,100 characters: more than DynamoDB allows in any key (2,048 bytes for a partition key, 1,024 for a sort key). */
    private static final String LONG = "A".repeat(2_100);
    private static final String LONG_DIGITS = "1".repeat(2_100);

    /** What one request did: its answer, and the DynamoDB operations it called. */
    private record Watched(LambdaResponse response, List<String> calls) {
    }

    private Watched watched(APIGatewayV2HTTPEvent event) {
        RecordingDynamoDb recording = RecordingDynamoDb.wrap(client);
        RegistrationHandler watchedHandler = new RegistrationHandler(recording.client(), table, PROGRAMME_ID, MARCH_10);
        recording.clear();
        LambdaResponse r = send(watchedHandler, event);
        return new Watched(r, recording.calls());
    }

    private static APIGatewayV2HTTPEvent listWith(Map<String, String> query) {
        return withQuery(event("list-registrations-staff.json"), query);
    }

    /** A cursor as the list writes one, around the given key (see dynamodb/ListCursor and KeyCodec). */
    private static String cursorAround(String gsi2pk, String gsi2sk, String pk) {
        java.util.function.Function<String, String> enc = v -> java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8);
        String text = "v1|0|GSI2PK=" + enc.apply(gsi2pk) + "|GSI2SK=" + enc.apply(gsi2sk) + "|PK=" + enc.apply(pk) + "|SK=REGISTRATION";
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void pathIdsThatAreNotCanonicalUuids_are404RegistrationNotFound_withoutReadingDynamoDb() {
        String pending = register(1);
        for (String id : List.of(LONG, "x".repeat(1_100), "not-a-uuid", pending.toUpperCase(java.util.Locale.ROOT), pending + "0",
                "{" + pending + "}")) {
            for (String file : List.of("get-registration-staff.json", "get-registration-portal.json", "approve-registration.json",
                    "reject-registration.json", "end-registration.json")) {
                Watched w = watched(withoutKey(event(file, id)));
                assertProblem(w.response(), 404, "REGISTRATION_NOT_FOUND");
                assertThat(w.calls()).as(file + " with an id of " + id.length() + " characters").isEmpty();
            }
        }
        assertThat(registration(pending).path("status").asText()).isEqualTo("PENDING_REVIEW");
    }

    @Test
    void kecamatanFilter_longerThanAnyKecamatan_is400_andAnUnknownOneMatchesNothing_R12() {
        String karawaci = send(event("post-registration-portal.json")).body().path("id").asText();
        approve(karawaci);
        for (String tooLong : List.of(LONG, "K".repeat(101))) {
            Watched w = watched(listWith(Map.of("status", "ACTIVE", "kecamatan", tooLong)));
            assertProblem(w.response(), 400, "VALIDATION_FAILED");
            assertThat(fieldsOf(w.response().body().path("errors"))).containsExactly("kecamatan");
            assertThat(codesOf(w.response().body().path("errors"))).containsExactly("TOO_LONG");
            assertThat(w.calls()).isEmpty();
        }
        LambdaResponse unknown = send(listWith(Map.of("status", "ACTIVE", "kecamatan", "K".repeat(100))));
        assertThat(unknown.status()).as(unknown.raw()).isEqualTo(200);
        assertThat(unknown.body().path("items")).isEmpty();
        LambdaResponse anyCase = send(listWith(Map.of("status", "ACTIVE", "kecamatan", "kArAwAcI")));
        assertThat(anyCase.body().path("items")).hasSize(1);
    }

    @Test
    void cursor_overlongGarbledOrForged_is400InvalidCursor_beforeAnyRead() {
        register(1);
        register(2);
        String real = send(listWith(Map.of("status", "PENDING_REVIEW", "limit", "1"))).body().path("nextCursor").asText();
        String id = UUID.randomUUID().toString();
        String partition = "PROG#" + PROGRAMME_ID + "#STATUS#PENDING_REVIEW";
        Map<String, String> cursors = new LinkedHashMap<>();
        cursors.put("2,100 characters", LONG);
        cursors.put("the real one with 2,100 more characters", real + LONG);
        cursors.put("garbled base64", "!!" + real.substring(2));
        cursors.put("an index sort key longer than DynamoDB allows",
                cursorAround(partition, "K".repeat(1_100) + "#001741597200000#" + id, "REG#" + id));
        cursors.put("an index sort key of another registration",
                cursorAround(partition, "KARAWACI#001741597200000#" + UUID.randomUUID(), "REG#" + id));
        cursors.put("a partition key that is not a registration's", cursorAround(partition, "KARAWACI#001741597200000#" + id, "PROG#" + id));
        cursors.put("a position in another programme's list",
                cursorAround("PROG#another#STATUS#PENDING_REVIEW", "KARAWACI#001741597200000#" + id, "REG#" + id));
        cursors.forEach((what, cursor) -> {
            Watched w = watched(listWith(Map.of("status", "PENDING_REVIEW", "cursor", cursor)));
            assertProblem(w.response(), 400, "VALIDATION_FAILED");
            assertThat(codesOf(w.response().body().path("errors"))).as(what).containsExactly("INVALID_CURSOR");
            assertThat(w.calls()).as(what).isEmpty();
        });
        // The cursors the list writes still lead on, with and without a kecamatan filter (in any case).
        LambdaResponse second = send(listWith(Map.of("status", "PENDING_REVIEW", "limit", "1", "cursor", real)));
        assertThat(second.status()).as(second.raw()).isEqualTo(200);
        assertThat(second.body().path("items")).hasSize(1);
        Map<String, String> inCipondoh = new LinkedHashMap<>(Map.of("status", "PENDING_REVIEW", "kecamatan", "cipondoh", "limit", "1"));
        LambdaResponse first = send(listWith(inCipondoh));
        inCipondoh.put("cursor", first.body().path("nextCursor").asText());
        LambdaResponse next = send(listWith(inCipondoh));
        assertThat(next.status()).as(next.raw()).isEqualTo(200);
        assertThat(next.body().path("items")).hasSize(1);
        assertThat(next.body().path("items").get(0).path("id")).isNotEqualTo(first.body().path("items").get(0).path("id"));
    }

    @Test
    void everyRouteOfTheFunction_withA2100CharacterIdFilterCursorOrField_is400Or404_withAProblem_readsNothing_andChangesNothing() {
        String pending = register(1);
        List<Map<String, AttributeValue>> before = TableContents.of(client, table);
        ObjectNode application = bodyOf("post-registration-staff.json");
        Map<String, APIGatewayV2HTTPEvent> requests = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        for (String file : List.of("get-registration-staff.json", "get-registration-portal.json", "approve-registration.json",
                "reject-registration.json", "end-registration.json")) {
            requests.put(file + " {id}", withoutKey(event(file, LONG)));
            expected.put(file + " {id}", "404 REGISTRATION_NOT_FOUND");
        }
        for (String parameter : List.of("nik", "status", "kecamatan", "limit", "cursor", LONG)) {
            requests.put("GET /registrations?" + parameter.length() + "-character " + (parameter.equals(LONG) ? "name" : parameter),
                    listWith(Map.of(parameter, parameter.equals("nik") || parameter.equals("limit") ? LONG_DIGITS : LONG)));
        }
        requests.put("portal search ?nik", withQuery(event("search-registrations-portal.json"), Map.of("nik", LONG_DIGITS)));
        for (String field : List.of("nik", "fullName", "birthDate", "sex", "phone", "occupation")) {
            requests.put("POST /registrations " + field, withoutKey(withBody(event("post-registration-staff.json"),
                    application.deepCopy().put(field, LONG).toString())));
        }
        for (String field : List.of("street", "kelurahan", "kecamatan")) {
            ObjectNode body = application.deepCopy();
            ((ObjectNode) body.path("address")).put(field, LONG);
            requests.put("POST /registrations address." + field, withoutKey(withBody(event("post-registration-staff.json"), body.toString())));
        }
        requests.put("POST /registrations Idempotency-Key", withKey(event("post-registration-staff.json"), LONG));
        for (String field : List.of("name", "wadahCode")) {
            requests.put("PUT /programme " + field, withBody(event("put-programme.json"), bodyOf("put-programme.json").put(field, LONG).toString()));
        }
        requests.put("PUT /programme kecamatan[0]", withBody(event("put-programme.json"),
                bodyOf("put-programme.json").set("kecamatan", JSON.valueToTree(List.of(LONG))).toString()));
        requests.put("PUT /programme rates[0].from", withBody(event("put-programme.json"), bodyOf("put-programme.json")
                .set("rates", JSON.valueToTree(List.of(Map.of("from", LONG, "declaredIncome", 1_000_000, "jkk", 10_000, "jkm", 6_800)))).toString()));
        requests.put("POST /registrations/{id}/reject reason", withoutKey(withBody(event("reject-registration.json", pending),
                "{\"reason\": \"" + LONG + "\"}")));
        requests.put("POST /registrations/{id}/end reason", withoutKey(withBody(event("end-registration.json", pending),
                "{\"reason\": \"" + LONG + "\", \"effectiveDate\": \"2025-03-10\"}")));
        requests.put("POST /registrations/{id}/end effectiveDate", withoutKey(withBody(event("end-registration.json", pending),
                "{\"reason\": \"MOVED_AWAY\", \"effectiveDate\": \"" + LONG + "\"}")));

        List<String> wrong = new ArrayList<>();
        requests.forEach((what, request) -> {
            Watched w = watched(request);
            LambdaResponse r = w.response();
            String want = expected.getOrDefault(what, "400 VALIDATION_FAILED");
            boolean problem = "application/problem+json".equals(r.header("Content-Type")) && r.body().path("status").asInt() == r.status()
                    && !r.body().path("type").asText().isBlank() && !r.body().path("title").asText().isBlank();
            if (!(r.status() + " " + r.code()).equals(want) || !problem || !w.calls().isEmpty()) {
                wrong.add(what + " -> " + r.status() + " " + r.code() + ", DynamoDB calls " + w.calls());
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(TableContents.of(client, table)).isEqualTo(before);
    }

    @Test
    void csvImports_withA2100CharacterValueInEveryColumn_rejectEachRowOnItsOwn_andChangeNothing() {
        List<Map<String, AttributeValue>> before = TableContents.of(client, table);
        // Every column filled (an optional column left empty is not read), so each line is valid but for its one long value.
        String valid = "3671061509800004,Joko Santoso,1980-09-15,M,081234567890,Jl. Pasar 3,Periuk,Periuk,OTHER_INFORMAL,3,2025-01-23,false,2025-04-01";
        String[] columns = DecreeCsv.COLUMNS.toArray(String[]::new);
        List<String> lines = new ArrayList<>(List.of(String.join(",", columns)));
        for (int c = 0; c < columns.length; c++) {
            String[] values = valid.split(",", -1);
            values[c] = LONG;
            lines.add(String.join(",", values));
        }
        APIGatewayV2HTTPEvent decree = withoutKey(withBody(event("import-registrations.json"), String.join("\n", lines)));
        LambdaResponse imported = send(decree);
        assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
        assertThat(imported.body().path("accepted").asInt()).isZero();
        assertThat(imported.body().path("rejected").asInt()).isEqualTo(columns.length);
        assertThat(imported.raw()).doesNotContain(LONG);

        APIGatewayV2HTTPEvent kpj = withoutKey(withBody(event("record-kpj-numbers.json"),
                String.join("\n", "nik,kpj", LONG_DIGITS + ",25031234567", "3671021203790002," + LONG_DIGITS)));
        LambdaResponse recorded = send(kpj);
        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(200);
        assertThat(recorded.body().path("rejected").asInt()).isEqualTo(2);
        assertThat(codesOf(recorded.body().path("rows").get(0).path("reasons"))).containsExactly("NIK_INVALID");
        assertThat(codesOf(recorded.body().path("rows").get(1).path("reasons"))).containsExactly("KPJ_INVALID");
        assertThat(TableContents.of(client, table)).isEqualTo(before);
    }
}
