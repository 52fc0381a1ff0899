package id.dinsos.rentan.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.LambdaResponse;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.devkit.TableFromTemplate;
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
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

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

import static org.assertj.core.api.Assertions.assertThat;
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
        String table = "moto-imports-" + UUID.randomUUID();
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

    /** The SQS event Lambda's event source mapping delivers for one received message. */
    private static JsonNode lambdaEvent(Message m) {
        JsonNode event = DecreeFiles.queueEvent(m.messageId(), m.body());
        ((ObjectNode) event.path("Records").get(0)).put("receiptHandle", m.receiptHandle());
        return event;
    }
}
