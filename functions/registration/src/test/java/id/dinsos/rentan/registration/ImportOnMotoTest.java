package id.dinsos.rentan.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.LambdaResponse;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.devkit.TableFromTemplate;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.http.ImportReportCsv;
import id.dinsos.rentan.port.DecreeImportStore.ReportRow;
import id.dinsos.rentan.port.Metrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The decree import as a file against S3 and SQS as emulated by moto ({@code moto_server}): the
 * staff's file goes up with the pre-signed URL {@code POST /imports} answered (a plain HTTP PUT, as
 * a browser sends it), S3's notification of the upload and the import's own chunk messages travel
 * through a real queue, and each message received is handed to the function in the SQS event Lambda
 * delivers, until the import is complete. moto does not check signatures: that the URL's signature
 * covers the announced length and the content type is checked on the signed headers instead.
 *
 * <p>Needs a running moto_server, named by {@code -Dmoto.endpoint=http://127.0.0.1:PORT} or the
 * {@code MOTO_ENDPOINT} environment variable ({@code .ci/run} starts one); skipped otherwise.
 */
class ImportOnMotoTest {
    private static final Clock MARCH_10 = Clock.fixed(Instant.parse("2025-03-10T02:00:00Z"), ZoneId.of("Asia/Jakarta"));
    private static final Region REGION = Region.AP_SOUTHEAST_3;
    /** Bounds the polling loop: enough receives for the file here, never a timed wait. */
    private static final int MAX_RECEIVES = 40;

    private static String endpoint;
    private static DynamoDbClient dynamo;
    private static S3Client s3;
    private static SqsClient sqs;

    private String bucket;
    private String queueUrl;
    private String table;
    private RegistrationHandler handler;

    static String motoEndpoint() {
        String value = System.getProperty("moto.endpoint");
        if (value == null || value.isBlank()) {
            value = System.getenv("MOTO_ENDPOINT");
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    @BeforeAll
    static void connect() {
        endpoint = motoEndpoint();
        if (endpoint == null) {
            return; // each test reports itself skipped, with the reason
        }
        StaticCredentialsProvider anyone = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        s3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).endpointOverride(URI.create(endpoint))
                .region(REGION).credentialsProvider(anyone).forcePathStyle(true).build();
        sqs = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).endpointOverride(URI.create(endpoint))
                .region(REGION).credentialsProvider(anyone).build();
        dynamo = DynamoDbLocal.embedded();
    }

    @AfterAll
    static void disconnect() {
        for (AutoCloseable c : new AutoCloseable[] {s3, sqs, dynamo}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing at the end of the class
                }
            }
        }
    }

    /** A bucket that tells a queue of uploads/*.csv, as template.yaml's ImportBucket tells ImportQueue. */
    @BeforeEach
    void bucketQueueAndProgramme() {
        assumeTrue(endpoint != null, "moto_server is not running: start it with `moto_server -H 127.0.0.1 -p 5000` and "
                + "run `mvn -B -ntp verify -Dmoto.endpoint=http://127.0.0.1:5000` (or set MOTO_ENDPOINT) to run this test");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        bucket = "rentan-imports-" + suffix;
        s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.AP_SOUTHEAST_3)));
        queueUrl = sqs.createQueue(r -> r.queueName("imports-" + suffix)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        s3.putBucketNotificationConfiguration(r -> r.bucket(bucket).notificationConfiguration(n -> n.queueConfigurations(q -> q
                .queueArn(queueArn).events(Event.S3_OBJECT_CREATED)
                .filter(f -> f.key(k -> k.filterRules(rule -> rule.name("prefix").value("uploads/"),
                        rule -> rule.name("suffix").value(".csv")))))));
        table = "moto-imports-" + UUID.randomUUID();
        TableFromTemplate.create(dynamo, ProjectFiles.readTemplate(), table);
        handler = new RegistrationHandler(dynamo, table, "kota-tangerang", MARCH_10, Metrics.NONE,
                S3ImportFiles.atEndpoint(URI.create(endpoint), bucket), new SqsImportQueue(() -> sqs, queueUrl));
        assertThat(DecreeFiles.send(handler, DecreeFiles.event("put-programme.json")).status()).isEqualTo(200);
    }

    @AfterEach
    void removeQueue() {
        if (queueUrl != null) {
            sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        }
    }

    @Test
    void aFileUploadedWithThePresignedUrl_isImported_throughS3sNotificationAndTheChunkMessagesOnTheQueue() throws Exception {
        byte[] file = DecreeFiles.decree(520).getBytes(StandardCharsets.UTF_8);
        LambdaResponse created = DecreeFiles.send(handler, DecreeFiles.create(file.length));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().path("id").asText();
        JsonNode upload = created.body().path("upload");
        String url = upload.path("url").asText();
        assertThat(url).startsWith(endpoint + "/" + bucket + "/uploads/" + id + ".csv?").contains("X-Amz-Signature=")
                .contains("X-Amz-Expires=900");
        // The signature covers the type and the exact length: S3 refuses an upload of any other size or type.
        assertThat(url).contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost");
        assertThat(upload.path("headers").path("content-length").asText()).isEqualTo(Integer.toString(file.length));
        assertThat(upload.path("headers").path("content-type").asText()).isEqualTo("text/csv");

        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file)).header("Content-Type", "text/csv").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        List<String> kinds = new ArrayList<>();
        JsonNode progress = null;
        for (int receive = 0; receive < MAX_RECEIVES; receive++) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(1).waitTimeSeconds(1)).messages();
            for (Message m : messages) {
                kinds.add(m.body().contains("\"importId\"") ? "chunk" : m.body().contains("s3:TestEvent") ? "test" : "upload");
                JsonNode answer = DecreeFiles.deliver(handler, lambdaEvent(m));
                assertThat(answer.path("batchItemFailures")).as(m.body()).isEmpty();
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            progress = DecreeFiles.send(handler, DecreeFiles.event("get-import.json", id)).body();
            if (progress.path("status").asText().equals("COMPLETED")) {
                break;
            }
        }
        assertThat(progress.path("status").asText()).as(progress.toString()).isEqualTo("COMPLETED");
        assertThat(kinds).as("S3 told of the upload once; chunks 1 and 2 came back through the queue")
                .containsSubsequence("upload", "chunk", "chunk", "chunk").filteredOn("upload"::equals).hasSize(1);
        assertThat(progress.path("rowsTotal").asInt()).isEqualTo(520);
        assertThat(progress.path("accepted").asInt()).isEqualTo(520);
        assertThat(progress.path("chunks").asInt()).isEqualTo(3);
    }

    /** Asks for an import, uploads the file with the pre-signed URL and delivers the queue's messages until it is complete. */
    private String importThroughTheQueue(byte[] file) throws Exception {
        LambdaResponse created = DecreeFiles.send(handler, DecreeFiles.create(file.length));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().path("id").asText();
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(created.body().path("upload")
                        .path("url").asText())).PUT(HttpRequest.BodyPublishers.ofByteArray(file)).header("Content-Type", "text/csv").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        for (int receive = 0; receive < MAX_RECEIVES; receive++) {
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(1).waitTimeSeconds(1)).messages()) {
                assertThat(DecreeFiles.deliver(handler, lambdaEvent(m)).path("batchItemFailures")).as(m.body()).isEmpty();
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            if (DecreeFiles.send(handler, DecreeFiles.event("get-import.json", id)).body().path("status").asText().equals("COMPLETED")) {
                return id;
            }
        }
        throw new AssertionError("import " + id + " not complete after " + MAX_RECEIVES + " receives");
    }

    private List<String> pagedReportAsCsv(String id) {
        List<String> lines = new ArrayList<>(List.of("line,nik,outcome,status,registrationId,reasons"));
        String cursor = null;
        do {
            LambdaResponse page = DecreeFiles.send(handler, DecreeFiles.report(id, cursor));
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().path("rows").forEach(row -> lines.add(ImportFileRoutesTest.csvLine(row)));
            cursor = page.body().hasNonNull("nextCursor") ? page.body().path("nextCursor").asText() : null;
        } while (cursor != null);
        return lines;
    }

    @Test
    void report_isOneCsvFileInS3_whenTheImportCompletes_andTheRouteAnswersAPresignedLinkToIt() throws Exception {
        String csv = DecreeFiles.decree(520).replace("3671070101750007,", "3671070101750007X,");
        String id = importThroughTheQueue(csv.getBytes(StandardCharsets.UTF_8));
        String key = S3ImportFiles.reportKey(id);
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("reports/")).contents()).extracting(S3Object::key).containsExactly(key);

        LambdaResponse answer = DecreeFiles.send(handler, DecreeFiles.reportFile(id));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        String url = answer.body().path("url").asText();
        assertThat(url).startsWith(endpoint + "/" + bucket + "/" + key + "?").contains("X-Amz-Signature=", "X-Amz-Expires=900");
        assertThat(Instant.parse(answer.body().path("expiresAt").asText())).isAfter(Instant.now());

        // The link needs no token: a plain GET downloads the file, under the report's name.
        HttpResponse<String> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"laporan-impor-" + id + ".csv\"");
        assertThat(download.body().split("\r\n")).hasSize(521).containsExactlyElementsOf(pagedReportAsCsv(id));
        assertThat(download.body()).contains("\r\n8,3671*********007X,REJECTED,,,INVALID_FORMAT\r\n");

        // The completing chunk delivered again (SQS delivers at least once): one file, the same rows.
        String etag = s3.headObject(r -> r.bucket(bucket).key(key)).eTag();
        JsonNode again = DecreeFiles.deliver(handler, DecreeFiles.queueEvent("again", "{\"importId\": \"" + id + "\", \"chunk\": 2}"));
        assertThat(again.path("batchItemFailures")).isEmpty();
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("reports/")).contents()).hasSize(1);
        assertThat(s3.headObject(r -> r.bucket(bucket).key(key)).eTag()).isEqualTo(etag);
    }

    @Test
    void report_beyondOnePart_isOneMultipartFile_andAFailureHalfWayLeavesNoFileAndNoUpload() throws Exception {
        S3ImportFiles files = S3ImportFiles.atEndpoint(URI.create(endpoint), bucket);
        String id = UUID.randomUUID().toString();
        int chunks = 80;
        IntFunction<List<ReportRow>> rows = chunk -> {
            List<ReportRow> page = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                int line = chunk * 2_000 + i + 2;
                page.add(new ReportRow(line, "3671********" + String.format("%04d", line % 10_000), "REJECTED", null, null,
                        List.of(new Refusal.FieldError("nik", "INVALID_FORMAT", "x"), new Refusal.FieldError("birthDate", "OUT_OF_RANGE", "x"))));
            }
            return page;
        };
        StringBuilder expected = new StringBuilder(ImportReportCsv.header());
        for (int chunk = 0; chunk < chunks; chunk++) {
            expected.append(ImportReportCsv.rows(rows.apply(chunk)));
        }
        assertThat(expected.length()).as("more than one part").isGreaterThan(S3ImportFiles.PART_BYTES);

        files.writeReport(id, chunks, rows);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        assertThat(files.copyReport(id, read)).isTrue();
        assertThat(read.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());

        String other = UUID.randomUUID().toString();
        assertThatThrownBy(() -> files.writeReport(other, chunks, chunk -> {
            if (chunk == chunks - 1) {
                throw new IllegalStateException("the table did not answer");
            }
            return rows.apply(chunk);
        })).hasMessageContaining("did not answer");
        assertThat(files.copyReport(other, new ByteArrayOutputStream())).isFalse();
        assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
    }

    private static HttpResponse<String> put(JsonNode created, byte[] file) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(created.path("upload").path("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file)).header("Content-Type", "text/csv").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rangedGets_giveTheWholeFileReadsReport_forAFileWhoseChunksFallMidWay() throws Exception {
        byte[] file = DecreeFiles.awkwardDecree(2_100).getBytes(StandardCharsets.UTF_8);
        MeteredImportFiles ranged = new MeteredImportFiles(S3ImportFiles.atEndpoint(URI.create(endpoint), bucket), true);
        handler = new RegistrationHandler(dynamo, table, "kota-tangerang", MARCH_10, Metrics.NONE, ranged, new SqsImportQueue(() -> sqs, queueUrl));
        String rangedId = importThroughTheQueue(file);
        List<String> rangedReport = pagedReportAsCsv(rangedId);
        JsonNode rangedDone = DecreeFiles.send(handler, DecreeFiles.event("get-import.json", rangedId)).body();

        // The same bytes imported with every chunk reading the whole object, on a table of its own, chunks run in-process.
        String wholeTable = "moto-imports-" + UUID.randomUUID();
        TableFromTemplate.create(dynamo, ProjectFiles.readTemplate(), wholeTable);
        MeteredImportFiles whole = new MeteredImportFiles(S3ImportFiles.atEndpoint(URI.create(endpoint), bucket), false);
        handler = new RegistrationHandler(dynamo, wholeTable, "kota-tangerang", MARCH_10, Metrics.NONE, whole, null);
        assertThat(DecreeFiles.send(handler, DecreeFiles.event("put-programme.json")).status()).isEqualTo(200);
        LambdaResponse created = DecreeFiles.send(handler, DecreeFiles.create(file.length));
        String wholeId = created.body().path("id").asText();
        assertThat(put(created.body(), file).statusCode()).isEqualTo(200);
        DecreeFiles.deliver(handler, DecreeFiles.queueEvent("whole", DecreeFiles.uploadedBody(wholeId)));
        JsonNode wholeDone = DecreeFiles.send(handler, DecreeFiles.event("get-import.json", wholeId)).body();

        assertThat(rangedDone.path("chunks").asInt()).isEqualTo(9);
        for (String count : List.of("status", "rowsTotal", "accepted", "active", "waitlisted", "unchanged", "refused")) {
            assertThat(rangedDone.path(count)).as(count).isEqualTo(wholeDone.path(count));
        }
        // The registration ids differ with the import's id; every other cell is the same.
        List<String> wholeReport = pagedReportAsCsv(wholeId);
        assertThat(rangedReport).hasSize(2_101);
        assertThat(rangedReport.stream().map(l -> l.replaceAll("[0-9a-f-]{36}", "ID")).toList())
                .containsExactlyElementsOf(wholeReport.stream().map(l -> l.replaceAll("[0-9a-f-]{36}", "ID")).toList());
        System.out.printf("S3: decree of %,d bytes in 9 chunks: chunks read %,d bytes in ranged GETs + %,d whole; whole-file reads %,d%n",
                file.length, ranged.rangeBytes.get(), ranged.wholeBytes.get() - file.length, whole.wholeBytes.get() - file.length);
        assertThat(ranged.rangeBytes.get()).isPositive().isLessThan(file.length + 8 * 300L);
        assertThat(ranged.wholeBytes.get()).as("the arrival, and chunk 5 (a NIK of chunk 0)").isEqualTo(2L * file.length);
    }

    @Test
    void aFileUploadedAgainWhileItIsImported_failsTheImport_onTheRangedGetsIfMatch() throws Exception {
        byte[] file = DecreeFiles.decree(520).getBytes(StandardCharsets.UTF_8);
        byte[] other = DecreeFiles.decree(520).replace("Peserta ", "Pekerja ").getBytes(StandardCharsets.UTF_8);
        LambdaResponse created = DecreeFiles.send(handler, DecreeFiles.create(file.length));
        String id = created.body().path("id").asText();
        assertThat(put(created.body(), file).statusCode()).isEqualTo(200);
        DecreeFiles.deliver(handler, DecreeFiles.queueEvent("arrived", DecreeFiles.uploadedBody(id)));
        DecreeFiles.deliver(handler, DecreeFiles.queueEvent("chunk-0", "{\"importId\": \"" + id + "\", \"chunk\": 0}"));
        assertThat(put(created.body(), other).statusCode()).as("the URL is still valid, the length the same").isEqualTo(200);
        JsonNode answer = DecreeFiles.deliver(handler, DecreeFiles.queueEvent("chunk-1", "{\"importId\": \"" + id + "\", \"chunk\": 1}"));
        assertThat(answer.path("batchItemFailures")).isEmpty();
        JsonNode failed = DecreeFiles.send(handler, DecreeFiles.event("get-import.json", id)).body();
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("failure").path("errors").findValuesAsText("code")).containsExactly("FILE_CHANGED");
        assertThat(failed.path("rowsDone").asInt()).isEqualTo(250);
    }

    /** The SQS event Lambda's event source mapping delivers for one received message. */
    private static JsonNode lambdaEvent(Message m) {
        JsonNode event = DecreeFiles.queueEvent(m.messageId(), m.body());
        ((ObjectNode) event.path("Records").get(0)).put("receiptHandle", m.receiptHandle());
        return event;
    }
}
