package id.dinsos.rentan.claims;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.LambdaResponse;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.RecordingDynamoDb;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.devkit.TableContents;
import id.dinsos.rentan.devkit.TableFromTemplate;
import id.dinsos.rentan.registration.RegistrationHandler;
import id.dinsos.rentan.subsidy.MonthlySubsidyHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claim checks through the real handler and the files in events/claim-check, on a ledger written
 * by the real registration and monthly-run functions (R-21, R-30..R-38). The programme clock stands
 * on 20 August 2025: April..August are run, April..July paid, August unpaid and overdue.
 */
class ClaimCheckHandlerTest {
    private static final Path EVENTS = ProjectFiles.root().resolve("events/claim-check");
    private static final String PLACEHOLDER = "00000000-0000-4000-8000-000000000001";
    private static final Clock AUGUST_20 = Clock.fixed(Instant.parse("2025-08-20T03:00:00Z"), ZoneId.of("Asia/Jakarta"));
    private static final String SITI = "3671014507850001";
    private static final String BUDI = "3671021203790002";

    private static DynamoDbClient client;
    private String table;
    private String programmeId;
    private ClaimCheckHandler claims;
    private String sitiId;

    @BeforeAll
    static void startDynamo() {
        client = DynamoDbLocal.embedded();
    }

    @AfterAll
    static void stopDynamo() {
        client.close();
    }

    /** Imports Siti and Budi covered from April, runs April..August and pays April..July, all through the handlers. */
    @BeforeEach
    void ledgerWrittenByTheRealMonthlyRun() {
        table = "claims-" + UUID.randomUUID();
        programmeId = "kota-tangerang";
        TableFromTemplate.create(client, ProjectFiles.readTemplate(), table);
        RegistrationHandler registration = new RegistrationHandler(client, table, programmeId, AUGUST_20);
        MonthlySubsidyHandler runs = new MonthlySubsidyHandler(client, table, programmeId, AUGUST_20);
        claims = new ClaimCheckHandler(client, table, programmeId, AUGUST_20);

        assertThat(send(registration, registrationEvent("put-programme.json")).status()).isEqualTo(200);
        ObjectNode importEvent = registrationEvent("import-registrations.json");
        importEvent.put("body", String.join("\n",
                "nik,fullName,birthDate,sex,phone,street,kelurahan,kecamatan,occupation,dtsenDecile,dtsenVersion,disability,coverageStart",
                SITI + ",Siti Aminah,1985-07-05,F,,Jl. Merdeka 1,Sukajadi,Karawaci,PARKING_ATTENDANT,3,2025-01-23,false,2025-04-01",
                BUDI + ",Budi Santoso,1979-03-12,M,,Jl. Raya 2,Poris,Cipondoh,OJEK_DRIVER,,,false,2025-04-01"));
        ((ObjectNode) importEvent.get("headers")).remove("idempotency-key");
        LambdaResponse imported = send(registration, importEvent);
        assertThat(imported.body().path("accepted").asInt()).as(imported.raw()).isEqualTo(2);
        sitiId = imported.body().path("rows").get(0).path("registrationId").asText();

        // Every month is run on 20 August in this test, each paid (April to July) before the next is run,
        // as the city would; a month counts as paid for an event only after its payment date (R-21), so
        // each bill was paid on the month's 1st. August is left unpaid.
        for (String month : List.of("2025-04", "2025-05", "2025-06", "2025-07", "2025-08")) {
            ObjectNode run = subsidyEvent("post-run.json");
            ((ObjectNode) run.get("headers")).remove("idempotency-key");
            run.put("body", "{\"month\": \"" + month + "\"}");
            LambdaResponse r = stream(runs, run);
            assertThat(r.body().path("status").asText()).as(r.raw()).isEqualTo("COMPLETED");
            if (month.equals("2025-08")) {
                break;
            }
            ObjectNode pay = subsidyEvent("post-payment.json");
            ((ObjectNode) pay.get("headers")).remove("idempotency-key");
            pay.put("rawPath", "/runs/" + month + "/payment");
            ((ObjectNode) pay.get("pathParameters")).put("month", month);
            pay.put("body", "{\"paidOn\": \"" + month + "-01\", \"reference\": \"SP2D-" + month + "\"}");
            assertThat(stream(runs, pay).status()).isEqualTo(200);
        }
    }

    private ObjectNode check(String file, String field, String value) {
        ObjectNode event = claimEvent(file);
        ObjectNode body = (ObjectNode) parse(event.get("body").asText());
        body.remove("registrationId");
        body.remove("nik");
        body.put(field, value);
        event.put("body", body.toString());
        ((ObjectNode) event.get("headers")).remove("idempotency-key");
        return event;
    }

    private ObjectNode withBody(ObjectNode event, String patch) {
        ObjectNode body = (ObjectNode) parse(event.get("body").asText());
        body.setAll((ObjectNode) parse(patch));
        event.put("body", body.toString());
        return event;
    }

    @Test
    void deathInMonthFour_afterThreePaidMonths_isEligibleFor42Million_itemised_R30_R31() {
        LambdaResponse r = send(claims, withBody(check("post-check-jkm-staff.json", "registrationId", sitiId), "{\"eventDate\": \"2025-07-03\"}"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.header("Location")).isEqualTo("/claims/checks/" + r.body().path("id").asText());
        assertThat(r.body().path("eligible").asBoolean()).isTrue();
        assertThat(r.body().path("total").asLong()).isEqualTo(42_000_000);
        assertThat(codes(r.body().path("benefits"))).containsExactly("JKM_LUMP_SUM", "JKM_PERIODIC", "JKM_FUNERAL");
        assertThat(r.body().path("consecutivePaidMonths").asInt()).isEqualTo(3);
        assertThat(r.body().path("coveredOnEventDate").asBoolean()).isTrue();
        assertThat(r.body().path("ruleVersion").asText()).isEqualTo("PERMENAKER-1-2025");
        assertThat(r.body().path("nik").asText()).as("staff see the NIK").isEqualTo(SITI);
    }

    @Test
    void deathAfterTwoPaidMonths_gets10Million_R31() {
        LambdaResponse r = send(claims, withBody(check("post-check-jkm-portal.json", "nik", SITI), "{\"eventDate\": \"2025-06-20\", \"reportedOn\": \"2025-06-21\"}"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("total").asLong()).isEqualTo(10_000_000);
        assertThat(codes(r.body().path("reasons"))).contains("WAITING_PERIOD_REDUCED_BENEFIT");
        assertThat(r.body().path("consecutivePaidMonths").asInt()).isEqualTo(2);
    }

    @Test
    void deathInAnUnpaidMonth_isNotEligible_R21_R38() {
        LambdaResponse r = send(claims, withBody(check("post-check-jkm-portal.json", "nik", SITI), "{\"eventDate\": \"2025-08-05\", \"reportedOn\": \"2025-08-06\"}"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().path("eligible").asBoolean()).isFalse();
        assertThat(codes(r.body().path("reasons"))).containsExactly("MONTH_NOT_PAID");
        assertThat(r.body().path("coveredOnEventDate").asBoolean()).isFalse();
        assertThat(r.body().path("total").asLong()).isZero();
    }

    @Test
    void workAccidentDeath_pays48TimesIncomePlusItems_R33() {
        LambdaResponse r = send(claims, withBody(check("post-check-jkk-death-staff.json", "nik", BUDI), "{\"eventDate\": \"2025-07-10\", \"reportedOn\": \"2025-07-11\"}"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("eligible").asBoolean()).isTrue();
        assertThat(codes(r.body().path("benefits")))
                .containsExactly("JKK_MEDICAL_CARE", "JKK_TRANSPORT_LAND", "JKK_DEATH", "JKK_FUNERAL", "JKK_PERIODIC");
        assertThat(r.body().path("benefits").get(0).path("amount").asText()).isEqualTo("AS_NEEDED");
        assertThat(r.body().path("benefits").get(1).path("upTo").asBoolean()).isTrue();
        assertThat(r.body().path("benefits").get(2).path("amount").asLong()).isEqualTo(48_000_000);
        assertThat(r.body().path("total").asLong()).isEqualTo(70_000_000);
        assertThat(r.body().path("scholarship").path("eligible").asBoolean()).isTrue();
    }

    @Test
    void temporaryIncapacity_fromThePortal_paysCalendarMonthsFromTheAccident_andMasksTheNik_R33() {
        LambdaResponse r = send(claims, withBody(check("post-check-jkk-incapacity-portal.json", "nik", BUDI), "{\"eventDate\": \"2025-07-10\", \"reportedOn\": \"2025-07-15\"}"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("nik").asText()).isEqualTo("3671********0002");
        assertThat(r.body().has("checkedBy")).isFalse();
        JsonNode incapacity = r.body().path("benefits").get(2);
        assertThat(incapacity.path("code").asText()).isEqualTo("JKK_TEMPORARY_INCAPACITY");
        // 45 days from 2025-07-10: one calendar month, then 14 days of the 31-day month 2025-08-10..2025-09-09 (R-33).
        assertThat(incapacity.path("amount").asLong()).isEqualTo(1_451_612);
        assertThat(codes(r.body().path("reasons"))).containsExactly("LATE_ACCIDENT_REPORT");
        assertThat(r.raw()).doesNotContain(BUDI);
    }

    @Test
    void aNikWithNoRegistration_isNotRegistered_andTheCheckIsStillRecorded() {
        LambdaResponse r = send(claims, check("post-check-jkm-portal.json", "nik", "3671035508900003"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().path("eligible").asBoolean()).isFalse();
        assertThat(codes(r.body().path("reasons"))).containsExactly("NOT_REGISTERED");
        assertThat(send(claims, get(r.body().path("id").asText())).status()).isEqualTo(200);
    }

    @Test
    void eventInTheFuture_is422_andRecordsNothing() {
        LambdaResponse r = send(claims, check("post-check-future.json", "registrationId", sitiId));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().path("code").asText()).isEqualTo("EVENT_IN_FUTURE");
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void aStoredRateRowOfTheYear10000_writtenBeforeTheSettingsWereBounded_doesNotStopClaimChecks_R01_R33() {
        client.updateItem(u -> u.tableName(table)
                .key(Map.of("PK", AttributeValue.fromS("PROG#" + programmeId), "SK", AttributeValue.fromS("PROGRAMME")))
                .updateExpression("SET rates = list_append(rates, :row)")
                .expressionAttributeValues(Map.of(":row", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                        "from", AttributeValue.fromS("10000-01"), "declaredIncome", AttributeValue.fromN("100"),
                        "jkk", AttributeValue.fromN("1"), "jkm", AttributeValue.fromN("1"))))))));
        LambdaResponse r = send(claims, withBody(check("post-check-jkk-death-staff.json", "nik", BUDI), "{\"eventDate\": \"2025-07-10\", \"reportedOn\": \"2025-07-11\"}"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().path("benefits").get(2).path("amount").asLong()).isEqualTo(48_000_000);
    }

    @Test
    void malformedRequest_is400_withEveryFieldError() {
        LambdaResponse r = send(claims, claimEvent("post-check-invalid.json"));
        assertThat(r.status()).as(r.raw()).isEqualTo(400);
        assertThat(r.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        List<String> fields = new ArrayList<>();
        r.body().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).contains("registrationId", "eventDate", "outcome");
    }

    @Test
    void recordedCheck_isReadableByStaff_withWhoAskedAndTheInputs_butNotByThePortal() {
        LambdaResponse created = send(claims, withBody(check("post-check-jkm-portal.json", "nik", SITI), "{\"eventDate\": \"2025-07-03\", \"reportedOn\": \"2025-07-04\"}"));
        String id = created.body().path("id").asText();
        LambdaResponse read = send(claims, get(id));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("checkedBy").asText()).isEqualTo("portal:portalclientexample");
        assertThat(read.body().path("request").path("cause").asText()).isEqualTo("Sakit jantung");
        assertThat(read.body().path("total").asLong()).isEqualTo(created.body().path("total").asLong());
        assertThat(read.body().path("nik").asText()).isEqualTo(SITI);

        ObjectNode asPortal = get(id);
        ((ObjectNode) asPortal.at("/requestContext/authorizer/jwt")).set("claims",
                parse("{\"sub\":\"portal-client-0001\",\"client_id\":\"portalclientexample\",\"scope\":\"portal/citizen\"}"));
        assertThat(send(claims, asPortal).status()).isEqualTo(403);
        ObjectNode unknown = get(UUID.randomUUID().toString());
        assertThat(send(claims, unknown).body().path("code").asText()).isEqualTo("CLAIM_CHECK_NOT_FOUND");
    }

    @Test
    void noEventFile_answers500() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                LambdaResponse r = send(claims, (ObjectNode) SampleEvents.readTree(file));
                assertThat(r.status()).as(file.getFileName() + ": " + r.raw()).isLessThan(500);
            }
        }
    }

    // ------------------------------------------------------------------ GET /claims/checks

    /** list-checks-staff.json with these query parameters instead of its own. */
    private static ObjectNode list(Map<String, String> query) {
        ObjectNode event = claimEvent("list-checks-staff.json");
        ObjectNode params = event.putObject("queryStringParameters");
        query.forEach(params::put);
        return event;
    }

    /** A check asked {@code minutes} minutes after 09:00 on 20 August: each later one is newer. */
    private String checkAt(int minutes, String file, String field, String value) {
        Clock at = Clock.offset(AUGUST_20, java.time.Duration.ofMinutes(minutes));
        LambdaResponse r = send(new ClaimCheckHandler(client, table, programmeId, at), check(file, field, value));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().path("id").asText();
    }

    @Test
    void listOfChecks_isNewestFirst_pagedWithTheCursor_eachItemAsGetByIdReturnsIt() {
        List<String> asked = new ArrayList<>();
        asked.add(checkAt(1, "post-check-jkm-portal.json", "nik", SITI));
        asked.add(checkAt(2, "post-check-jkm-staff.json", "registrationId", sitiId));
        asked.add(checkAt(3, "post-check-jkk-death-staff.json", "nik", BUDI));
        asked.add(checkAt(4, "post-check-jkm-portal.json", "nik", "3671035508900003"));
        asked.add(checkAt(5, "post-check-jkk-incapacity-portal.json", "nik", BUDI));

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            LambdaResponse page = send(claims, list(cursor == null ? Map.of("limit", "2") : Map.of("limit", "2", "cursor", cursor)));
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            assertThat(page.body().path("items").size()).isLessThanOrEqualTo(2);
            for (JsonNode item : page.body().path("items")) {
                listed.add(item.path("id").asText());
                // Exactly what GET /claims/checks/{id} answers for it: full NIK, who asked, the request.
                assertThat(item).isEqualTo(send(claims, get(item.path("id").asText())).body());
            }
            cursor = page.body().has("nextCursor") ? page.body().path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);

        List<String> newestFirst = new ArrayList<>(asked);
        java.util.Collections.reverse(newestFirst);
        assertThat(listed).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isBetween(3, 4);
        LambdaResponse all = send(claims, claimEvent("list-checks-staff.json"));
        assertThat(all.body().path("items")).hasSize(5);
        assertThat(all.body().has("nextCursor")).isFalse();
        assertThat(all.body().path("items").get(0).path("nik").asText()).as("staff see the NIK").isEqualTo(BUDI);
    }

    @Test
    void listOfChecks_withNoneRecorded_isEmpty_withoutNextCursor() {
        LambdaResponse r = send(claims, claimEvent("list-checks-staff.json"));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().path("items")).isEmpty();
        assertThat(r.body().has("nextCursor")).isFalse();
    }

    @Test
    void listOfChecks_isForStaffOnly() {
        checkAt(1, "post-check-jkm-portal.json", "nik", SITI);
        ObjectNode asPortal = claimEvent("list-checks-staff.json");
        ((ObjectNode) asPortal.at("/requestContext/authorizer/jwt")).set("claims",
                parse("{\"sub\":\"portal-client-0001\",\"client_id\":\"portalclientexample\",\"scope\":\"portal/citizen\"}"));
        LambdaResponse portal = send(claims, asPortal);
        assertThat(portal.status()).isEqualTo(403);
        assertThat(portal.body().path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(portal.raw()).doesNotContain(SITI);
        ObjectNode anonymous = claimEvent("list-checks-staff.json");
        ((ObjectNode) anonymous.get("requestContext")).remove("authorizer");
        assertThat(send(claims, anonymous).status()).isEqualTo(401);
    }

    @Test
    void listOfChecks_withABadLimitCursorOrParameter_is400_withEveryError_beforeAnyRead() {
        Map<Map<String, String>, List<String>> cases = new LinkedHashMap<>();
        cases.put(Map.of("limit", "0"), List.of("limit:OUT_OF_RANGE"));
        cases.put(Map.of("limit", "501"), List.of("limit:OUT_OF_RANGE"));
        cases.put(Map.of("limit", "ten"), List.of("limit:INVALID_TYPE"));
        cases.put(Map.of("cursor", LONG), List.of("cursor:INVALID_CURSOR"));
        cases.put(Map.of("nik", SITI, "limit", "-1"), List.of("limit:OUT_OF_RANGE", "nik:UNKNOWN_PARAMETER"));
        cases.forEach((query, want) -> {
            Watched w = watched(list(query));
            assertThat(w.response().status()).as(query + " -> " + w.response().raw()).isEqualTo(400);
            assertThat(w.response().code()).isEqualTo("VALIDATION_FAILED");
            List<String> got = new ArrayList<>();
            w.response().body().path("errors").forEach(e -> got.add(e.path("field").asText() + ":" + e.path("code").asText()));
            assertThat(got).as(query.toString()).containsExactlyInAnyOrderElementsOf(want);
            assertThat(w.calls()).as(query.toString()).isEmpty();
        });
    }

    @Test
    void listOfChecks_withACursorItDidNotWrite_is400InvalidCursor() {
        checkAt(1, "post-check-jkm-portal.json", "nik", SITI);
        checkAt(2, "post-check-jkm-portal.json", "nik", SITI);
        String cursor = send(claims, list(Map.of("limit", "1"))).body().path("nextCursor").asText();
        assertThat(cursor).isNotBlank();
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        List<String> forged = List.of("garbage", cursor + "x", cursor.substring(1),
                // a registration list's position: a key of another list
                b64.encodeToString("v1|0|GSI2PK=PROG%23kota-tangerang%23STATUS%23ACTIVE|GSI2SK=X|PK=REG%23x|SK=REGISTRATION".getBytes()),
                // this list's shape, but another programme's partition
                b64.encodeToString(("v1|0|GSI2PK=PROG%23other%23CLAIMCHECKS|GSI2SK=001755655200000%23" + UUID.randomUUID()
                        + "|PK=CHECK%23x|SK=CLAIMCHECK").getBytes()));
        for (String bad : forged) {
            LambdaResponse r = send(claims, list(Map.of("cursor", bad)));
            assertThat(r.status()).as(bad + " -> " + r.raw()).isEqualTo(400);
            assertThat(codes(r.body().path("errors"))).containsExactly("INVALID_CURSOR");
        }
    }

    // ------------------------------------------------------------------ hostile lengths and shapes (issue 8)

    /** 2,100 characters: more than DynamoDB allows in any key. */
    private static final String LONG = "A".repeat(2_100);

    /** The answer to one request, and the DynamoDB operations it called. */
    private record Watched(LambdaResponse response, List<String> calls) {
    }

    private Watched watched(ObjectNode event) {
        RecordingDynamoDb recording = RecordingDynamoDb.wrap(client);
        ClaimCheckHandler watchedHandler = new ClaimCheckHandler(recording.client(), table, programmeId, AUGUST_20);
        recording.clear();
        LambdaResponse r = send(watchedHandler, event);
        return new Watched(r, recording.calls());
    }

    /** Issue 11: the settings and every bill part come in one Query of the programme's partition, not a GetItem and a Query. */
    @Test
    void check_byNik_readsTheSettingsAndBillPartsInOneQuery() {
        Watched w = watched(check("post-check-jkm-portal.json", "nik", SITI));

        assertThat(w.response().status()).as(w.response().raw()).isEqualTo(201);
        // Side by side: the settings with every bill part, the person's registrations (GSI1) and lines; then the check.
        assertThat(w.calls()).hasSize(4).endsWith("putItem");
        assertThat(w.calls().subList(0, 3)).containsExactlyInAnyOrder("query", "queryPaginator", "queryPaginator");
    }

    @Test
    void checkIdsThatAreNotCanonicalUuids_are404ClaimCheckNotFound_withoutReadingDynamoDb() {
        String id = send(claims, check("post-check-jkm-portal.json", "nik", SITI)).body().path("id").asText();
        assertThat(send(claims, get(id)).status()).isEqualTo(200);
        for (String notAnId : List.of(LONG, "x".repeat(1_100), "not-a-uuid", id.toUpperCase(java.util.Locale.ROOT), id + "0")) {
            Watched w = watched(get(notAnId));
            assertThat(w.response().status()).as(w.response().raw()).isEqualTo(404);
            assertThat(w.response().code()).isEqualTo("CLAIM_CHECK_NOT_FOUND");
            assertThat(w.calls()).as("an id of " + notAnId.length() + " characters").isEmpty();
        }
    }

    @Test
    void registrationIdThatIsNotAUuid_is400InvalidFormat_likeAMalformedNik_andRecordsNothing() {
        for (String notAnId : List.of(LONG, "not-a-uuid", sitiId.toUpperCase(java.util.Locale.ROOT))) {
            Watched w = watched(check("post-check-jkm-staff.json", "registrationId", notAnId));
            assertThat(w.response().status()).as(w.response().raw()).isEqualTo(400);
            assertThat(w.response().code()).isEqualTo("VALIDATION_FAILED");
            List<String> fields = new ArrayList<>();
            w.response().body().path("errors").forEach(e -> fields.add(e.path("field").asText()));
            assertThat(fields).containsExactly("registrationId");
            assertThat(codes(w.response().body().path("errors"))).as(notAnId.length() + " characters")
                    .containsExactly(notAnId.length() > 64 ? "TOO_LONG" : "INVALID_FORMAT");
            assertThat(w.calls()).isEmpty();
        }
        // A well-formed id that names no registration is not an error: the check answers NOT_REGISTERED.
        LambdaResponse unknown = send(claims, check("post-check-jkm-staff.json", "registrationId", UUID.randomUUID().toString()));
        assertThat(unknown.status()).as(unknown.raw()).isEqualTo(201);
        assertThat(codes(unknown.body().path("reasons"))).containsExactly("NOT_REGISTERED");
    }

    @Test
    void everyRouteOfTheFunction_withA2100CharacterIdOrField_is400Or404_withAProblem_readsNothing_andChangesNothing() {
        List<Map<String, AttributeValue>> before = TableContents.of(client, table);
        Map<String, ObjectNode> requests = new LinkedHashMap<>();
        requests.put("GET /claims/checks/{id}", get(LONG));
        requests.put("GET /claims/checks cursor", list(Map.of("cursor", LONG)));
        requests.put("POST /claims/checks registrationId", check("post-check-jkm-staff.json", "registrationId", LONG));
        requests.put("POST /claims/checks nik", check("post-check-jkm-staff.json", "nik", LONG));
        for (String field : List.of("type", "eventDate", "cause", "outcome", "reportedOn", "transport")) {
            requests.put("POST /claims/checks " + field,
                    withBody(check("post-check-jkk-death-staff.json", "nik", BUDI), "{\"" + field + "\": \"" + LONG + "\"}"));
        }
        requests.put("POST /claims/checks incapacityDays", withBody(check("post-check-jkk-incapacity-portal.json", "nik", BUDI),
                "{\"incapacityDays\": \"" + LONG + "\"}"));
        ObjectNode keyed = check("post-check-jkm-staff.json", "nik", SITI);
        ((ObjectNode) keyed.get("headers")).put("idempotency-key", LONG);
        requests.put("POST /claims/checks Idempotency-Key", keyed);

        List<String> wrong = new ArrayList<>();
        requests.forEach((what, request) -> {
            Watched w = watched(request);
            LambdaResponse r = w.response();
            String want = what.startsWith("GET /claims/checks/{id}") ? "404 CLAIM_CHECK_NOT_FOUND" : "400 VALIDATION_FAILED";
            boolean problem = "application/problem+json".equals(r.header("Content-Type")) && r.body().path("status").asInt() == r.status()
                    && !r.body().path("type").asText().isBlank() && !r.body().path("title").asText().isBlank();
            if (!(r.status() + " " + r.code()).equals(want) || !problem || !w.calls().isEmpty()) {
                wrong.add(what + " -> " + r.status() + " " + r.code() + ", DynamoDB calls " + w.calls());
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(TableContents.of(client, table)).isEqualTo(before);
    }

    // ------------------------------------------------------------------ plumbing

    private static ObjectNode claimEvent(String file) {
        return (ObjectNode) SampleEvents.readTree(EVENTS.resolve(file));
    }

    private static ObjectNode registrationEvent(String file) {
        return (ObjectNode) SampleEvents.readTree(ProjectFiles.root().resolve("events/registration").resolve(file));
    }

    private static ObjectNode subsidyEvent(String file) {
        return (ObjectNode) SampleEvents.readTree(ProjectFiles.root().resolve("events/monthly-subsidy").resolve(file));
    }

    private ObjectNode get(String id) {
        ObjectNode event = claimEvent("get-check-staff.json");
        event.put("rawPath", "/claims/checks/" + id);
        ((ObjectNode) event.get("pathParameters")).put("id", id);
        return event;
    }

    private static List<String> codes(JsonNode array) {
        List<String> codes = new ArrayList<>();
        array.forEach(item -> codes.add(item.path("code").asText()));
        return codes;
    }

    private static JsonNode parse(String json) {
        try {
            return SampleEvents.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LambdaResponse send(com.amazonaws.services.lambda.runtime.RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                 ObjectNode event) {
        return LambdaResponse.of(handler.handleRequest(SampleEvents.httpEvent(event), null));
    }

    private static LambdaResponse stream(MonthlySubsidyHandler handler, ObjectNode event) {
        return LambdaResponse.ofJson(LambdaResponse.invoke(handler, event, null));
    }
}
