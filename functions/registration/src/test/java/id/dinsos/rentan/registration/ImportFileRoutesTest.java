package id.dinsos.rentan.registration;

import com.fasterxml.jackson.databind.JsonNode;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.LambdaResponse;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.devkit.TableFromTemplate;
import id.dinsos.rentan.port.Metrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static id.dinsos.rentan.registration.DecreeFiles.create;
import static id.dinsos.rentan.registration.DecreeFiles.decree;
import static id.dinsos.rentan.registration.DecreeFiles.deliver;
import static id.dinsos.rentan.registration.DecreeFiles.event;
import static id.dinsos.rentan.registration.DecreeFiles.queueEvent;
import static id.dinsos.rentan.registration.DecreeFiles.report;
import static id.dinsos.rentan.registration.DecreeFiles.reportFile;
import static id.dinsos.rentan.registration.DecreeFiles.send;
import static id.dinsos.rentan.registration.DecreeFiles.uploadedBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decree import as a file (issue 11) through the registration function, in-process: the staff
 * ask for an import, the file lands where the upload URL points (a folder here, as on the local
 * runner), the queue's message of its arrival starts the import, whose chunks run one after another,
 * and the staff read the progress and the per-line report. The synchronous import refuses a file
 * over its row limit with a problem that points to {@code POST /imports}.
 */
class ImportFileRoutesTest {
    private static final Clock MARCH_10 = Clock.fixed(Instant.parse("2025-03-10T02:00:00Z"), ZoneId.of("Asia/Jakarta"));
    private static DynamoDbClient client;

    @TempDir
    Path folder;
    private RegistrationHandler handler;

    @BeforeAll
    static void startDynamo() {
        client = DynamoDbLocal.embedded();
    }

    @AfterAll
    static void stopDynamo() {
        client.close();
    }

    @BeforeEach
    void freshTableWithProgramme() {
        String table = "imports-" + UUID.randomUUID();
        TableFromTemplate.create(client, ProjectFiles.readTemplate(), table);
        handler = new RegistrationHandler(client, table, "kota-tangerang", MARCH_10, Metrics.NONE,
                new FolderImportFiles(folder, "http://127.0.0.1:3000"), null);
        assertThat(send(handler, event("put-programme.json")).status()).isEqualTo(200);
    }

    private String createAndUpload(String csv) throws IOException {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        LambdaResponse created = send(handler, create(bytes.length));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().path("id").asText();
        assertThat(created.header("Location")).isEqualTo("/imports/" + id);
        assertThat(created.body().path("status").asText()).isEqualTo("WAITING_FOR_FILE");
        assertThat(created.body().path("upload").path("url").asText()).isEqualTo("http://127.0.0.1:3000/imports/" + id + "/file");
        assertThat(created.body().path("upload").path("method").asText()).isEqualTo("PUT");
        assertThat(created.body().path("upload").path("headers").path("Content-Type").asText()).isEqualTo("text/csv");
        Files.write(FolderImportFiles.fileOf(folder, id), bytes);
        return id;
    }

    private JsonNode progress(String id) {
        LambdaResponse r = send(handler, event("get-import.json", id));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private List<JsonNode> wholeReport(String id) {
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        do {
            LambdaResponse page = send(handler, report(id, cursor));
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().path("rows").forEach(rows::add);
            cursor = page.body().hasNonNull("nextCursor") ? page.body().path("nextCursor").asText() : null;
        } while (cursor != null);
        return rows;
    }

    @Test
    void anUploadedFile_isImportedInChunks_withProgressAndAPagedReport_andAChunkDeliveredAgainChangesNothing() throws IOException {
        String csv = decree(600).replace("3671070101750300,", "3671070101750300X,");
        String id = createAndUpload(csv);

        // S3 URL-encodes the key in its notice (moto and AWS alike may send uploads%2F<id>.csv).
        JsonNode answer = deliver(handler, queueEvent("m-1", uploadedBody(id).replace("uploads/", "uploads%2F")));
        assertThat(answer.path("batchItemFailures")).isEmpty();

        JsonNode done = progress(id);
        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("rowsTotal").asInt()).isEqualTo(600);
        assertThat(done.path("rowsDone").asInt()).isEqualTo(600);
        assertThat(done.path("accepted").asInt()).isEqualTo(599);
        assertThat(done.path("active").asInt()).isEqualTo(599);
        assertThat(done.path("waitlisted").asInt()).isZero();
        assertThat(done.path("refused").asInt()).isEqualTo(1);
        assertThat(done.path("chunks").asInt()).isEqualTo(3);
        assertThat(done.path("complete").asBoolean()).isTrue();

        List<JsonNode> rows = wholeReport(id);
        assertThat(rows).hasSize(600);
        assertThat(rows.get(299).path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(rows.get(299).path("reasons").get(0).path("field").asText()).isEqualTo("nik");
        assertThat(rows.get(0).path("line").asInt()).isEqualTo(2);
        assertThat(rows.get(0).path("nik").asText()).isEqualTo("3671********0001");

        // The same messages again (SQS delivers at least once): nothing is written or counted twice.
        deliver(handler, queueEvent("m-2", uploadedBody(id)));
        deliver(handler, queueEvent("m-3", "{\"importId\": \"" + id + "\", \"chunk\": 1}"));
        assertThat(progress(id)).isEqualTo(done);
        LambdaResponse programme = send(handler, event("get-programme-staff.json"));
        assertThat(programme.body().path("counts").path("ACTIVE").asInt()).isEqualTo(599);
    }

    /** A row of the paged report as the report file writes it (no cell of these tests needs quoting). */
    static String csvLine(JsonNode row) {
        List<String> codes = new ArrayList<>();
        row.path("reasons").forEach(r -> codes.add(r.path("code").asText()));
        return String.join(",", row.path("line").asText(), row.path("nik").asText(), row.path("outcome").asText(),
                row.path("status").asText(""), row.path("registrationId").asText(""), String.join(" ", codes));
    }

    @Test
    void report_isOneCsvFile_whenTheImportCompletes_streamedLocally_withThePagedReportsRows() throws IOException {
        String id = createAndUpload(decree(600).replace("3671070101750300,", "3671070101750300X,"));
        deliver(handler, queueEvent("m-1", uploadedBody(id)));
        JsonNode done = progress(id);
        assertThat(done.path("reportFile").asText()).isEqualTo("/imports/" + id + "/report.csv");

        LambdaResponse file = send(handler, reportFile(id));
        assertThat(file.status()).as(file.raw()).isEqualTo(200);
        assertThat(file.header("Content-Type")).isEqualTo("text/csv; charset=utf-8");
        assertThat(file.header("Content-Disposition")).isEqualTo("attachment; filename=\"laporan-impor-" + id + ".csv\"");
        List<String> expected = new ArrayList<>(List.of("line,nik,outcome,status,registrationId,reasons"));
        wholeReport(id).forEach(row -> expected.add(csvLine(row)));
        assertThat(file.raw()).endsWith("\r\n");
        assertThat(file.raw().split("\r\n")).hasSize(601).containsExactlyElementsOf(expected);
        assertThat(expected.get(300)).isEqualTo("301,3671*********300X,REJECTED,,,INVALID_FORMAT");

        // The last chunk delivered again: the file stays the one file, no row twice.
        deliver(handler, queueEvent("m-2", "{\"importId\": \"" + id + "\", \"chunk\": 2}"));
        deliver(handler, queueEvent("m-3", uploadedBody(id)));
        assertThat(send(handler, reportFile(id)).raw()).isEqualTo(file.raw());
        try (var listed = Files.list(folder.resolve("reports"))) {
            assertThat(listed.map(p -> p.getFileName().toString()).toList()).containsExactly(id + ".csv");
        }
    }

    @Test
    void reportFile_isRefusedWithProblems_forAnUnknownId_andBeforeTheImportCompletes() throws IOException {
        assertProblem(send(handler, reportFile(DecreeFiles.PLACEHOLDER)), 404, "IMPORT_NOT_FOUND");
        assertProblem(send(handler, reportFile("not-an-id")), 404, "IMPORT_NOT_FOUND");
        String id = createAndUpload(decree(3));
        LambdaResponse waiting = send(handler, reportFile(id));
        assertProblem(waiting, 409, "IMPORT_NOT_COMPLETED");
        assertThat(waiting.body().path("detail").asText()).contains("not complete", "/imports/" + id + "/report");
        var withQuery = reportFile(id);
        withQuery.setQueryStringParameters(java.util.Map.of("cursor", "1"));
        withQuery.setRawQueryString("cursor=1");
        assertProblem(send(handler, withQuery), 400, "VALIDATION_FAILED");

        String failed = createAndUpload("nik,name\n3671070101750001,Budi\n");
        deliver(handler, queueEvent("m-1", uploadedBody(failed)));
        assertProblem(send(handler, reportFile(failed)), 409, "IMPORT_NOT_COMPLETED");
    }

    /** The import's report rows with what depends on the import's id (the new registrations' ids) reduced to its presence. */
    private static List<String> comparable(List<JsonNode> rows) {
        return rows.stream().map(r -> {
            com.fasterxml.jackson.databind.node.ObjectNode copy = r.deepCopy();
            copy.put("registrationId", r.hasNonNull("registrationId"));
            return copy.toString();
        }).toList();
    }

    private String importWith(RegistrationHandler through, String csv) throws IOException {
        RegistrationHandler before = handler;
        handler = through;
        try {
            String id = createAndUpload(csv);
            assertThat(deliver(handler, queueEvent("m-" + id, uploadedBody(id))).path("batchItemFailures")).isEmpty();
            return id;
        } finally {
            handler = before;
        }
    }

    @Test
    void rangedReads_giveTheWholeFileReadsReport_forAFileWhoseChunksFallMidWay_readingEachChunkOnlyOnce() throws IOException {
        String csv = DecreeFiles.awkwardDecree(2_100);
        long size = csv.getBytes(StandardCharsets.UTF_8).length;
        MeteredImportFiles ranged = new MeteredImportFiles(new FolderImportFiles(folder, "http://127.0.0.1:3000"), true);
        MeteredImportFiles whole = new MeteredImportFiles(new FolderImportFiles(folder, "http://127.0.0.1:3000"), false);
        RegistrationHandler rangedHandler = handlerOnFreshTable(ranged);
        RegistrationHandler wholeHandler = handlerOnFreshTable(whole);

        String rangedId = importWith(rangedHandler, csv);
        String wholeId = importWith(wholeHandler, csv);

        handler = rangedHandler;
        JsonNode rangedDone = progress(rangedId);
        List<JsonNode> rangedRows = wholeReport(rangedId);
        String rangedFile = send(handler, reportFile(rangedId)).raw();
        handler = wholeHandler;
        JsonNode wholeDone = progress(wholeId);
        List<JsonNode> wholeRows = wholeReport(wholeId);

        assertThat(rangedDone.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(rangedDone.path("chunks").asInt()).isEqualTo(9);
        for (String count : List.of("rowsTotal", "rowsDone", "accepted", "active", "waitlisted", "unchanged", "refused")) {
            assertThat(rangedDone.path(count)).as(count).isEqualTo(wholeDone.path(count));
        }
        assertThat(rangedDone.path("rowsTotal").asInt()).isEqualTo(2_100);
        assertThat(comparable(rangedRows)).containsExactlyElementsOf(comparable(wholeRows));
        assertThat(rangedRows).filteredOn(r -> r.path("outcome").asText().equals("REJECTED"))
                .extracting(r -> r.path("reasons").get(0).path("code").asText()).containsExactly("INVALID_FORMAT", "DUPLICATE_IN_FILE");
        assertThat(rangedFile.split("\r\n")).hasSize(2_101);

        // What the chunks read: their own bytes (and the header's), but chunk 5, which has a NIK of chunk 0, the whole file.
        long chunkReads = ranged.wholeBytes.get() + ranged.rangeBytes.get() - size; // less the arrival's read of the whole file
        System.out.printf("decree of %,d bytes in 9 chunks: chunks read %,d bytes in ranges + %,d whole; whole-file reads %,d%n",
                size, ranged.rangeBytes.get(), ranged.wholeBytes.get() - size, whole.wholeBytes.get() - size);
        assertThat(ranged.wholeBytes.get()).isEqualTo(2 * size);
        assertThat(ranged.rangeBytes.get()).isLessThan(size + 8 * 300);
        assertThat(chunkReads).isLessThan(3 * size);
        assertThat(whole.wholeBytes.get()).isEqualTo(10 * size);
    }

    private RegistrationHandler handlerOnFreshTable(MeteredImportFiles files) {
        String table = "imports-" + UUID.randomUUID();
        TableFromTemplate.create(client, ProjectFiles.readTemplate(), table);
        RegistrationHandler made = new RegistrationHandler(client, table, "kota-tangerang", MARCH_10, Metrics.NONE, files, null);
        assertThat(send(made, event("put-programme.json")).status()).isEqualTo(200);
        return made;
    }

    @Test
    void aFileThatIsNotADecreeList_failsTheImport_withEveryMissingColumn() throws IOException {
        String id = createAndUpload("nik,name\n3671070101750001,Budi\n");
        deliver(handler, queueEvent("m-1", uploadedBody(id)));
        JsonNode failed = progress(id);
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("failure").path("errors").findValuesAsText("code")).contains("MISSING_COLUMN", "UNKNOWN_COLUMN");
        assertThat(send(handler, report(id, null)).body().path("rows")).isEmpty();
    }

    @Test
    void theQueue_ignoresS3sTestEvent_andMessagesNotOfAnImport_andAnArrivalOfNoImport() {
        assertThat(deliver(handler, queueEvent("t", "{\"Service\": \"Amazon S3\", \"Event\": \"s3:TestEvent\"}"))
                .path("batchItemFailures")).isEmpty();
        assertThat(deliver(handler, queueEvent("x", "not json")).path("batchItemFailures")).isEmpty();
        JsonNode sample = SampleEvents.readTree(DecreeFiles.EVENTS.resolve("queue/import-file-uploaded.json"));
        assertThat(deliver(handler, sample).path("batchItemFailures")).isEmpty();
        assertThat(deliver(handler, SampleEvents.readTree(DecreeFiles.EVENTS.resolve("queue/import-chunk.json")))
                .path("batchItemFailures")).isEmpty();
    }

    @Test
    void theRoutes_refuseWhatTheyCannotServe_withProblems() {
        assertProblem(send(handler, create(0)), 400, "VALIDATION_FAILED");
        assertProblem(send(handler, create(50L * 1024 * 1024 + 1)), 400, "VALIDATION_FAILED");
        var portal = create(10);
        portal.getRequestContext().setAuthorizer(event("get-programme-portal.json").getRequestContext().getAuthorizer());
        assertProblem(send(handler, portal), 403, "FORBIDDEN");
        assertProblem(send(handler, event("get-import.json")), 404, "IMPORT_NOT_FOUND");
        assertProblem(send(handler, event("get-import.json", "..%2F..%2Fetc")), 404, "IMPORT_NOT_FOUND");
        assertProblem(send(handler, report(DecreeFiles.PLACEHOLDER, "-1")), 400, "VALIDATION_FAILED");
        assertProblem(send(handler, report(DecreeFiles.PLACEHOLDER, "9999999")), 400, "VALIDATION_FAILED");
        assertProblem(send(handler, report(DecreeFiles.PLACEHOLDER, "0")), 404, "IMPORT_NOT_FOUND");
    }

    @Test
    void theSynchronousImport_refusesAFileOverItsRowLimit_with413_pointingToImports() {
        var tooMany = event("import-registrations.json");
        tooMany.getHeaders().remove("idempotency-key");
        tooMany.setBody(decree(DecreeCsv.SYNC_MAX_ROWS + 1));
        LambdaResponse r = send(handler, tooMany);
        assertProblem(r, 413, "IMPORT_TOO_LARGE");
        assertThat(r.body().path("detail").asText()).contains("POST /imports", "2000");
        assertThat(send(handler, event("get-programme-staff.json")).body().path("counts").path("ACTIVE").asInt()).isZero();
    }

    private static void assertProblem(LambdaResponse r, int status, String code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.code()).as(r.raw()).isEqualTo(code);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }
}
