package id.dinsos.rentan.registration;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.application.DecreeRow;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.LambdaResponse;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SamTemplate;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.devkit.TableFromTemplate;
import id.dinsos.rentan.domain.Refusal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Issue 8: the hostile requests of the run against the local runner, fed to the registration
 * handler on DynamoDB Local. Each is a 4xx problem with a stable code, never a 500, and changes nothing.
 */
class HostileRequestsTest {
    private static final Path EVENTS = ProjectFiles.root().resolve("events/registration");
    private static final String PLACEHOLDER = "00000000-0000-4000-8000-000000000001";
    private static final Clock MARCH_10 = Clock.fixed(Instant.parse("2025-03-10T02:00:00Z"), ZoneId.of("Asia/Jakarta"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSV_HEADER =
            "nik,fullName,birthDate,sex,phone,street,kelurahan,kecamatan,occupation,dtsenDecile,dtsenVersion,disability,coverageStart";
    private static final String DEWI =
            "3671035808900004,Dewi Lestari,1990-08-18,F,+6281355554444,Jl. Husein Sastranegara 5,Poris Gaga,Batuceper,DAILY_LABOURER,3,2025-01-23,false,";

    private static DynamoDbClient client;
    private static SamTemplate template;

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
        String table = "hostile-" + UUID.randomUUID();
        TableFromTemplate.create(client, template, table);
        handler = new RegistrationHandler(client, table, "kota-tangerang", MARCH_10);
        assertThat(send(event("put-programme.json")).status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ helpers

    private LambdaResponse send(APIGatewayV2HTTPEvent event) {
        return LambdaResponse.of(handler.handleRequest(event, null));
    }

    private static APIGatewayV2HTTPEvent event(String file) {
        APIGatewayV2HTTPEvent e = SampleEvents.httpEvent(EVENTS.resolve(file));
        Map<String, String> headers = new HashMap<>(e.getHeaders());
        headers.remove("idempotency-key");
        e.setHeaders(headers);
        return e;
    }

    private static APIGatewayV2HTTPEvent event(String file, String id) {
        APIGatewayV2HTTPEvent e = event(file);
        e.getPathParameters().put("id", id);
        e.setRawPath(e.getRawPath().replace(PLACEHOLDER, id));
        return e;
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

    private static APIGatewayV2HTTPEvent asPortal(APIGatewayV2HTTPEvent e) {
        e.getRequestContext().setAuthorizer(event("get-programme-portal.json").getRequestContext().getAuthorizer());
        return e;
    }

    private static ObjectNode application() {
        try {
            return (ObjectNode) JSON.readTree(event("post-registration-portal.json").getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String pendingRegistration() {
        LambdaResponse r = send(event("post-registration-staff.json"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().path("id").asText();
    }

    private JsonNode registration(String id) {
        LambdaResponse r = send(event("get-registration-staff.json", id));
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    private JsonNode counts() {
        return send(event("get-programme-staff.json")).body().path("counts");
    }

    private static void assertProblem(LambdaResponse r, int status, String code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static List<String> fieldCodes(LambdaResponse r) {
        List<String> codes = new ArrayList<>();
        r.body().path("errors").forEach(e -> codes.add(e.path("field").asText() + " " + e.path("code").asText()));
        return codes;
    }

    // ------------------------------------------------------------------ 1. beyond the parser's limits

    @Test
    void jsonBeyondTheParsersLimits_fromThePortal_is400MalformedJson_andRegistersNobody() {
        JsonNode before = counts();
        List<String> bodies = List.of("[".repeat(1500) + "]".repeat(1500), "{\"a\":".repeat(1200) + "1" + "}".repeat(1200),
                "{\"nik\": " + "1".repeat(1200) + "}");
        for (String body : bodies) {
            assertProblem(send(asPortal(withBody(event("post-registration-portal.json"), body))), 400, "MALFORMED_JSON");
        }
        assertThat(counts()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ 2. dates

    @Test
    void aBirthDateOutOfRangeOrNotPlain_is400_withTheFieldError() {
        ObjectNode far = application().put("birthDate", "+999999999-12-31");
        assertThat(fieldCodes(send(asPortal(withBody(event("post-registration-portal.json"), far.toString())))))
                .containsExactly("birthDate INVALID_FORMAT");
        ObjectNode old = application().put("birthDate", "1899-12-31");
        LambdaResponse r = send(asPortal(withBody(event("post-registration-portal.json"), old.toString())));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldCodes(r)).containsExactly("birthDate OUT_OF_RANGE");
    }

    @Test
    void anEndDateFarInTheFuture_is400_notA500() {
        String id = pendingRegistration();
        send(event("approve-registration.json", id));
        LambdaResponse r = send(withBody(event("end-registration.json", id), "{\"reason\":\"MOVED_AWAY\",\"effectiveDate\":\"+999999999-12-31\"}"));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldCodes(r)).containsExactly("effectiveDate INVALID_FORMAT");
        assertThat(registration(id).path("status").asText()).isEqualTo("ACTIVE");
    }

    // ------------------------------------------------------------------ 3. invalid base64

    @Test
    void aBodyMarkedBase64ThatIsNotBase64_is400MalformedBody() {
        JsonNode before = counts();
        APIGatewayV2HTTPEvent e = asPortal(event("post-registration-portal.json"));
        e.setIsBase64Encoded(true); // the body is plain JSON, not base64
        assertProblem(send(e), 400, "MALFORMED_BODY");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aBase64Body_thatIsBase64_isRead() {
        APIGatewayV2HTTPEvent e = asPortal(event("post-registration-portal.json"));
        e.setBody(Base64.getEncoder().encodeToString(e.getBody().getBytes(StandardCharsets.UTF_8)));
        e.setIsBase64Encoded(true);
        assertThat(send(e).status()).isEqualTo(201);
    }

    // ------------------------------------------------------------------ 5. bodies the contract refuses

    @Test
    void approve_withABodyThatIsNotJson_is415_andApprovesNothing() {
        String id = pendingRegistration();
        assertProblem(send(withHeader(event("approve-registration.json", id), "content-type", "text/plain")), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(registration(id).path("status").asText()).isEqualTo("PENDING_REVIEW");
    }

    @Test
    void approve_withAnyField_is400UnknownField_andApprovesNothing() {
        String id = pendingRegistration();
        LambdaResponse r = send(withBody(event("approve-registration.json", id), "{\"status\":\"REJECTED\"}"));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldCodes(r)).containsExactly("status UNKNOWN_FIELD");
        assertThat(registration(id).path("status").asText()).isEqualTo("PENDING_REVIEW");
    }

    @Test
    void approve_withA1MbBody_is413PayloadTooLarge_andApprovesNothing() {
        String id = pendingRegistration();
        String big = "{\"note\":\"" + "x".repeat(1024 * 1024) + "\"}";
        assertProblem(send(withBody(event("approve-registration.json", id), big)), 413, "PAYLOAD_TOO_LARGE");
        assertThat(registration(id).path("status").asText()).isEqualTo("PENDING_REVIEW");
    }

    @Test
    void approve_withNoBodyOrAnEmptyObject_approves() {
        String first = pendingRegistration();
        assertThat(send(withBody(event("approve-registration.json", first), null)).status()).isEqualTo(200);
        assertThat(registration(first).path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void reEnrolments_withAnyField_is400_andWithoutContentTypeJson_is415() {
        LambdaResponse field = send(withBody(event("re-enrol-lapsed.json"), "{\"all\": true}"));
        assertProblem(field, 400, "VALIDATION_FAILED");
        assertThat(fieldCodes(field)).containsExactly("all UNKNOWN_FIELD");
        assertProblem(send(withHeader(withBody(event("re-enrol-lapsed.json"), "{}"), "content-type", "text/plain")),
                415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aDecreeListOverTheCsvLimit_is413() {
        String line = "3671035808900004,Dewi Lestari,1990-08-18,F,,Jl. Husein Sastranegara 5,Poris Gaga,Batuceper,DAILY_LABOURER,3,2025-01-23,false,\n";
        String csv = CSV_HEADER + "\n" + line.repeat(6 * 1024 * 1024 / line.length() + 1);
        assertProblem(send(withBody(event("import-registrations.json"), csv)), 413, "PAYLOAD_TOO_LARGE");
        assertThat(counts().path("ACTIVE").asInt()).isZero();
    }

    // ------------------------------------------------------------------ 6. text that should not be stored

    @Test
    void nulOrALoneSurrogate_inAnyTextField_is400InvalidCharacters_andRegistersNobody() {
        JsonNode before = counts();
        ObjectNode nul = application();
        ((ObjectNode) nul.get("address")).put("street", "Jl. Merdeka\u0000 1");
        ((ObjectNode) nul.get("address")).put("kelurahan", "Sukajadi\uD800");
        nul.put("fullName", "Siti\u0000Aminah");
        // Jackson writes the lone surrogate as it is; the body reaches the handler as Java text, as it does from the runtime.
        LambdaResponse r = send(asPortal(withBody(event("post-registration-portal.json"), nul.toString())));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(fieldCodes(r)).containsExactlyInAnyOrder("address.street INVALID_CHARACTERS",
                "address.kelurahan INVALID_CHARACTERS", "fullName INVALID_CHARACTERS");
        String escaped = "{\"reason\": \"Dokumen \\udc00 tidak terbaca\"}";
        String id = pendingRegistration();
        LambdaResponse reject = send(withBody(event("reject-registration.json", id), escaped));
        assertThat(fieldCodes(reject)).containsExactly("reason INVALID_CHARACTERS");
        assertThat(registration(id).path("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(counts().path("PENDING_REVIEW").asInt()).isEqualTo(before.path("PENDING_REVIEW").asInt() + 1);
    }

    @Test
    void textAfterTheJsonDocument_orADuplicateKey_is400MalformedJson() {
        String body = event("post-registration-portal.json").getBody();
        assertProblem(send(asPortal(withBody(event("post-registration-portal.json"), body + " trailing"))), 400, "MALFORMED_JSON");
        String duplicate = body.replaceFirst("\\{", "{\"occupation\": \"OTHER_INFORMAL\", ");
        assertProblem(send(asPortal(withBody(event("post-registration-portal.json"), duplicate))), 400, "MALFORMED_JSON");
        assertThat(counts().path("PENDING_REVIEW").asInt()).isZero();
    }

    @Test
    void decreeCsv_aLineWithNulOrALoneSurrogate_isRejectedWithInvalidCharacters_theOthersImport() {
        String nulStreet = DEWI.replace("Jl. Husein Sastranegara 5", "Jl. Husein\u0000 5");
        String surrogateName = "3671070101750005,Ahmad \uDC00Fauzi,1975-01-01,M,,Jl. Imam Bonjol 12,Bojong Jaya,Karawaci,PUBLIC_TRANSPORT_DRIVER,,,false,";
        String fine = "3671106403880006,Rina Marlina,1988-03-24,F,,Jl. Marsekal Suryadarma 3,Kedaung Baru,Neglasari,OTHER_INFORMAL,2,2025-01-23,true,";
        List<DecreeRow> rows = DecreeCsv.read(String.join("\n", CSV_HEADER, nulStreet, surrogateName, fine) + "\n", LocalDate.of(2025, 3, 10));
        assertThat(rows.get(0).errors()).extracting(Refusal.FieldError::field, Refusal.FieldError::code)
                .containsExactly(tuple("street", "INVALID_CHARACTERS"));
        assertThat(rows.get(1).errors()).extracting(Refusal.FieldError::field, Refusal.FieldError::code)
                .containsExactly(tuple("fullName", "INVALID_CHARACTERS"));
        assertThat(rows.get(2).readable()).isTrue();

        LambdaResponse r = send(withBody(event("import-registrations.json"), String.join("\n", CSV_HEADER, nulStreet, fine) + "\n"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("accepted").asInt()).isEqualTo(1);
        assertThat(r.body().path("rows").get(0).path("reasons").get(0).path("code").asText()).isEqualTo("INVALID_CHARACTERS");
    }

    @Test
    void decreeCsv_datesOutOfRangeOrNotPlain_areRejectedOnTheirLine() {
        String farCoverage = DEWI.substring(0, DEWI.length() - 1) + ",+999999999-01-01";
        String farVersion = DEWI.replace("2025-01-23", "+999999999-01-23");
        String oldVersion = DEWI.replace("2025-01-23", "1999-01-23");
        List<DecreeRow> rows = DecreeCsv.read(String.join("\n", CSV_HEADER, farCoverage, farVersion, oldVersion) + "\n", LocalDate.of(2025, 3, 10));
        assertThat(rows.get(0).errors()).extracting(Refusal.FieldError::field, Refusal.FieldError::code)
                .containsExactly(tuple("coverageStart", "INVALID_FORMAT"));
        assertThat(rows.get(1).errors()).extracting(Refusal.FieldError::field, Refusal.FieldError::code)
                .containsExactly(tuple("dtsenVersion", "INVALID_FORMAT"));
        assertThat(rows.get(2).errors()).extracting(Refusal.FieldError::field, Refusal.FieldError::code)
                .containsExactly(tuple("dtsenVersion", "OUT_OF_RANGE"));
    }
}
