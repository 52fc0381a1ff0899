package id.dinsos.rentan.local;

import com.fasterxml.jackson.databind.JsonNode;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SampleEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local runner end to end over real HTTP on loopback, as the README's curl walk-through uses it. */
class LocalRunnerTest {
    private static LocalRunner runner;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String STAFF = "Bearer " + DemoTokens.staff("test.staff");
    private static final String PORTAL = "Bearer " + DemoTokens.portal();

    @BeforeAll
    static void start() throws Exception {
        runner = LocalRunner.start(LocalRunner.Options.parse("--today", "2025-03-10",
                "--template", ProjectFiles.template().toString()));
        runner.listen(0);
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    private static HttpResponse<String> send(String method, String path, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runner.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void getProgramme_answersWithTheSeededDemoProgramme() throws Exception {
        HttpResponse<String> response = send("GET", "/programme", STAFF, null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = SampleEvents.MAPPER.readTree(response.body());
        assertThat(body.path("quota").asInt()).isEqualTo(5952);
        assertThat(body.path("kecamatan")).hasSize(13);
        assertThat(body.path("rateInForce").path("total").asLong()).isEqualTo(16_800);
        assertThat(body.path("holidays")).as("Indonesia's 2025 national holidays (R-05)").hasSize(17);
        assertThat(body.path("budgets").get(0).path("allocation").asLong()).isEqualTo(1_199_923_200L);
    }

    @Test
    void demoProgramme_onALaterDate_alsoFundsTheClocksYear_soTheWalkThroughsWorkOnTodaysDate() throws Exception {
        JsonNode seeded = SampleEvents.MAPPER.readTree(LocalRunner.withBudgetFor(
                "{\"budgets\":[{\"year\":2025,\"allocation\":1199923200}]}", 2026));
        assertThat(seeded.path("budgets")).hasSize(2);
        assertThat(seeded.path("budgets").get(1).path("year").asInt()).isEqualTo(2026);
        assertThat(seeded.path("budgets").get(1).path("allocation").asLong()).isEqualTo(1_199_923_200L);
        assertThat(LocalRunner.withBudgetFor("{\"budgets\":[{\"year\":2025,\"allocation\":1}]}", 2025))
                .as("the reference year is left as it is").isEqualTo("{\"budgets\":[{\"year\":2025,\"allocation\":1}]}");
    }

    @Test
    void requestWithoutToken_isRefusedLikeTheJwtAuthorizer() throws Exception {
        assertThat(send("GET", "/programme", null, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void staffConsole_isServedBesideTheApi_withItsSecurityHeaders() throws Exception {
        HttpResponse<String> page = send("GET", "/", null, null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        assertThat(page.body()).contains("<html lang=\"id\">").contains("js/app.js");
        assertThat(send("GET", "/js/app.js", null, null, null).headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(send("GET", "/vendor/uplot/uPlot.iife.min.js", null, null, null).statusCode())
                .as("the chart library, unpacked from its WebJar by the build").isEqualTo(200);
    }

    @Test
    void consoleConfig_signsTheBrowserInAsTheDemoStaffMember_locallyOnly() throws Exception {
        HttpResponse<String> config = send("GET", "/config.json", null, null, null);
        assertThat(config.statusCode()).isEqualTo(200);
        JsonNode body = SampleEvents.MAPPER.readTree(config.body());
        assertThat(body.path("auth").path("mode").asText()).isEqualTo("local");
        assertThat(DemoTokens.claims("Bearer " + body.path("auth").path("token").asText())).hasValueSatisfying(claims ->
                assertThat(claims.get("cognito:groups")).isEqualTo("[dinsos-staff]"));
    }

    @Test
    void consoleFiles_outsideTheSite_areNotServed() throws Exception {
        assertThat(send("GET", "/../pom.xml", null, null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/js/../../template.yaml", null, null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/id/dinsos/rentan/local/LocalRunner.class", null, null, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/index.html", STAFF, null, null).statusCode()).as("files are read-only").isEqualTo(404);
    }

    @Test
    void unknownPath_is404() throws Exception {
        assertThat(send("GET", "/nothing-here", STAFF, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void registerApproveAndFind_overHttp() throws Exception {
        String body = """
                {"nik":"3671021203790002","fullName":"Budi Santoso","birthDate":"1979-03-12","sex":"M",
                 "address":{"street":"Jl. Kali 2","kelurahan":"Poris","kecamatan":"Cipondoh"},"occupation":"OJEK_DRIVER"}""";
        HttpResponse<String> created = send("POST", "/registrations", PORTAL, "application/json", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode registration = SampleEvents.MAPPER.readTree(created.body());
        assertThat(registration.path("nik").asText()).isEqualTo("3671********0002");
        String id = registration.path("id").asText();

        HttpResponse<String> approved = send("POST", "/registrations/" + id + "/approve", STAFF, "application/json", "{}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(SampleEvents.MAPPER.readTree(approved.body()).path("coverageStart").asText()).isEqualTo("2025-04-01");

        HttpResponse<String> found = send("GET", "/registrations?nik=3671021203790002", PORTAL, null, null);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(SampleEvents.MAPPER.readTree(found.body()).path("items").get(0).path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void theDemoStaffToken_carriesTheClaimsOfACognitoIdToken_andTheHistoryRecordsTheStaffName() throws Exception {
        String token = DemoTokens.staff("Sri Wulandari");
        Map<String, String> claims = DemoTokens.claims("Bearer " + token).orElseThrow();
        assertThat(claims).containsEntry("token_use", "id").containsEntry("name", "Sri Wulandari")
                .containsEntry("email", "sri.wulandari@example.com").containsEntry("cognito:groups", "[dinsos-staff]")
                .containsEntry("email_verified", "true").containsEntry("aud", DemoTokens.STAFF_CLIENT_ID)
                .doesNotContainKeys("username", "client_id", "scope");
        assertThat(UUID.fromString(claims.get("sub"))).hasToString(claims.get("cognito:username"));

        String body = """
                {"nik":"3671014507850001","fullName":"Siti Aminah","birthDate":"1985-07-05","sex":"F",
                 "address":{"street":"Jl. Merdeka 1","kelurahan":"Sukajadi","kecamatan":"Karawaci"},"occupation":"PARKING_ATTENDANT"}""";
        HttpResponse<String> created = send("POST", "/registrations", PORTAL, "application/json", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = SampleEvents.MAPPER.readTree(created.body()).path("id").asText();
        HttpResponse<String> approved = send("POST", "/registrations/" + id + "/approve", "Bearer " + token, "application/json", "{}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        JsonNode history = SampleEvents.MAPPER.readTree(approved.body()).path("history");
        assertThat(history.get(0).path("by").asText()).isEqualTo("portal:" + DemoTokens.PORTAL_CLIENT_ID);
        assertThat(history.get(1).path("by").asText()).isEqualTo("staff:Sri Wulandari");
    }

    @Test
    void theDemoPortalToken_carriesTheClaimsOfACognitoClientCredentialsToken() {
        Map<String, String> claims = DemoTokens.claims("Bearer " + DemoTokens.portal()).orElseThrow();
        assertThat(claims).containsEntry("token_use", "access").containsEntry("scope", "portal/citizen")
                .containsEntry("client_id", DemoTokens.PORTAL_CLIENT_ID).containsEntry("sub", DemoTokens.PORTAL_CLIENT_ID)
                .doesNotContainKeys("username", "cognito:username", "cognito:groups", "name", "email");
    }

    @Test
    void aDecreeFile_isUploadedToTheRunner_andImported_asS3AndTheQueueWouldInAws() throws Exception {
        StringBuilder csv = new StringBuilder("nik,fullName,birthDate,sex,phone,street,kelurahan,kecamatan,occupation,"
                + "dtsenDecile,dtsenVersion,disability,coverageStart\n");
        for (int k = 1; k <= 260; k++) {
            csv.append(String.format("367107010175%04d,Peserta Impor,1975-01-01,M,,Jl. Imam Bonjol 12,Bojong Jaya,Karawaci,"
                    + "PUBLIC_TRANSPORT_DRIVER,,,false,%n", 5000 + k));
        }
        byte[] file = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> created = send("POST", "/imports", STAFF, "application/json", "{\"sizeBytes\": " + file.length + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode upload = SampleEvents.MAPPER.readTree(created.body()).path("upload");
        String id = SampleEvents.MAPPER.readTree(created.body()).path("id").asText();
        assertThat(upload.path("url").asText()).isEqualTo("http://127.0.0.1:" + runner.port() + "/imports/" + id + "/file");

        HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(URI.create(upload.path("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file)).header("Content-Type", "text/csv").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        JsonNode done = SampleEvents.MAPPER.readTree(send("GET", "/imports/" + id, STAFF, null, null).body());
        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("accepted").asInt()).isEqualTo(260);
        assertThat(done.path("chunks").asInt()).isEqualTo(2);
        JsonNode firstPage = SampleEvents.MAPPER.readTree(send("GET", "/imports/" + id + "/report", STAFF, null, null).body());
        assertThat(firstPage.path("rows")).hasSize(250);
        assertThat(firstPage.path("nextCursor").asText()).isEqualTo("1");
        HttpResponse<String> reportFile = send("GET", "/imports/" + id + "/report.csv", STAFF, null, null);
        assertThat(reportFile.statusCode()).as(reportFile.body()).isEqualTo(200);
        assertThat(reportFile.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(reportFile.body()).startsWith("line,nik,outcome,status,registrationId,reasons\r\n2,3671********5001,ACCEPTED,ACTIVE,");
        assertThat(reportFile.body().split("\r\n")).hasSize(261);

        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create(upload.path("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file)).header("Content-Type", "text/csv").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as("a file is taken once per import").isEqualTo(409);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runner.port() + "/imports/../../x/file"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).header("Content-Type", "text/csv").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void monthlyRunBillAndClaimCheck_areServedOverHttp_byTheirOwnFunctions() throws Exception {
        HttpResponse<String> run = send("POST", "/runs", STAFF, "application/json", "{\"month\": \"2025-03\"}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(SampleEvents.MAPPER.readTree(run.body()).path("status").asText()).isEqualTo("COMPLETED");
        HttpResponse<String> bill = send("GET", "/runs/2025-03/bill", STAFF, null, null);
        assertThat(bill.statusCode()).isEqualTo(200);
        assertThat(bill.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(bill.body()).startsWith("wadah,part,nik,fullName,kpj,jkk,jkm,total,note");
        assertThat(send("POST", "/runs", STAFF, "application/json", "{\"month\": \"2025-04\"}").statusCode())
                .as("April has not started on 2025-03-10").isEqualTo(422);

        HttpResponse<String> check = send("POST", "/claims/checks", PORTAL, "application/json",
                "{\"nik\": \"3671035508900003\", \"type\": \"JKM\", \"eventDate\": \"2025-03-01\"}");
        assertThat(check.statusCode()).as(check.body()).isEqualTo(201);
        assertThat(SampleEvents.MAPPER.readTree(check.body()).path("reasons").get(0).path("code").asText()).isEqualTo("NOT_REGISTERED");
        assertThat(send("GET", "/claims/checks/" + SampleEvents.MAPPER.readTree(check.body()).path("id").asText(), PORTAL, null, null)
                .statusCode()).as("recorded checks are for staff").isEqualTo(403);
    }

    @Test
    void invoke_runsAFunctionWithASampleEvent_likeSamLocalInvoke() throws Exception {
        JsonNode event = SampleEvents.readTree(ProjectFiles.root().resolve("events/registration/get-programme-staff.json"));
        JsonNode response = runner.invoke("RegistrationFunction", event);
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("body").asText()).contains("\"quota\":5952");
    }

    @Test
    void options_refuseWhatTheyCannotUse() {
        assertThatThrownBy(() -> LocalRunner.Options.parse("--port", "abc")).hasMessageContaining("--port");
        assertThatThrownBy(() -> LocalRunner.Options.parse("--today", "2025-13-01")).hasMessageContaining("--today");
        assertThatThrownBy(() -> LocalRunner.Options.parse("invoke")).hasMessageContaining("function");
        assertThatThrownBy(() -> LocalRunner.Options.parse("token", "admin")).hasMessageContaining("staff or portal");
        assertThat(LocalRunner.Options.parse().port()).isEqualTo(3000);
    }
}
