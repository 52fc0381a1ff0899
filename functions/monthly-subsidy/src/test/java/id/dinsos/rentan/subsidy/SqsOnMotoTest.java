package id.dinsos.rentan.subsidy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.devkit.CapturedLog;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.LambdaResponse;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SamTemplate;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.devkit.TableFromTemplate;
import id.dinsos.rentan.registration.RegistrationHandler;
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
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real {@link SqsSegmentQueue} against SQS as emulated by moto ({@code moto_server}): a run's
 * segments are sent to a real queue, received back from it, wrapped in the SQS event Lambda delivers
 * and fed to the handler on DynamoDB Local. A poison message goes back to the queue until its
 * receives are used up, then SQS parks it in the dead-letter queue (template.yaml: SegmentQueue's
 * RedrivePolicy).
 *
 * <p>Needs a running moto_server, named by {@code -Dmoto.endpoint=http://127.0.0.1:PORT} or the
 * {@code MOTO_ENDPOINT} environment variable ({@code .ci/run} starts one); skipped otherwise.
 */
class SqsOnMotoTest {
    private static final Path REGISTRATION_EVENTS = ProjectFiles.root().resolve("events/registration");
    private static final Path EVENTS = ProjectFiles.root().resolve("events/monthly-subsidy");
    private static final String PROGRAMME_ID = "kota-tangerang";
    private static final String PLACEHOLDER = "00000000-0000-4000-8000-000000000001";
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final Clock MARCH_10 = jakarta("2025-03-10T09:00");
    private static final Clock APRIL_5 = jakarta("2025-04-05T09:00");
    private static final Region REGION = Region.AP_SOUTHEAST_3;
    private static final List<String> NAMES = List.of("Budi Santoso", "Agus Pratama", "Dedi Kurniawan", "Eko Saputra",
            "Hendra Wijaya");
    private static final int PEOPLE = NAMES.size();
    private static final long JKK = 10_000L;
    private static final long JKM = 6_800L;
    private static final int SEGMENTS = 4;
    /** Bounds every polling loop: enough receives for any test here, never a timed wait. */
    private static final int MAX_RECEIVES = 50;

    private static String endpoint;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static SamTemplate template;

    private String table;
    private final List<String> queues = new ArrayList<>();

    /** The moto_server endpoint from -Dmoto.endpoint or MOTO_ENDPOINT, or null. */
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
            return; // each test reports itself skipped, with the reason (an aborted @BeforeAll would hide them)
        }
        sqs = SqsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint))
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        dynamo = DynamoDbLocal.embedded();
        template = ProjectFiles.readTemplate();
    }

    @AfterAll
    static void disconnect() {
        if (sqs != null) {
            sqs.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
    }

    /** Five applications approved on 10 March: all five covered from 1 April, as in MonthlySubsidyHandlerTest. */
    @BeforeEach
    void fiveParticipantsApprovedInMarch() {
        assumeTrue(endpoint != null, "moto_server is not running: start it with `moto_server -H 127.0.0.1 -p 5000` and "
                + "run `mvn -B -ntp verify -Dmoto.endpoint=http://127.0.0.1:5000` (or set MOTO_ENDPOINT) to run this test");
        table = "moto-" + UUID.randomUUID();
        TableFromTemplate.create(dynamo, template, table);
        RegistrationHandler march = new RegistrationHandler(dynamo, table, PROGRAMME_ID, MARCH_10);
        assertThat(send(march, registrationEvent("put-programme.json")).status()).isEqualTo(200);
        for (int seq = 1; seq <= PEOPLE; seq++) {
            APIGatewayV2HTTPEvent apply = withoutKey(registrationEvent("post-registration-staff.json"));
            ObjectNode body = (ObjectNode) parse(apply.getBody());
            body.put("nik", String.format("367102120379%04d", seq)); // born 12-03-1979, male
            body.put("fullName", NAMES.get(seq - 1));
            apply.setBody(body.toString());
            LambdaResponse registered = send(march, apply);
            assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
            String id = registered.body().path("id").asText();
            APIGatewayV2HTTPEvent approve = withoutKey(registrationEvent("approve-registration.json"));
            approve.getPathParameters().put("id", id);
            approve.setRawPath(approve.getRawPath().replace(PLACEHOLDER, id));
            approve.getRequestContext().getHttp().setPath(approve.getRequestContext().getHttp().getPath().replace(PLACEHOLDER, id));
            LambdaResponse approved = send(march, approve);
            assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
            assertThat(approved.body().path("status").asText()).isEqualTo("ACTIVE");
        }
    }

    @AfterEach
    void deleteQueues() {
        queues.forEach(url -> sqs.deleteQueue(r -> r.queueUrl(url)));
    }

    @Test
    void aRunsSegments_goThroughARealQueue_andTheLastOneCompletesTheRun_R21_R23() {
        String queueUrl = createQueue("segments-" + UUID.randomUUID(), Map.of());
        MonthlySubsidyHandler handler = new MonthlySubsidyHandler(dynamo, table, PROGRAMME_ID, APRIL_5,
                new SqsSegmentQueue(sqs, queueUrl), SEGMENTS);

        LambdaResponse started = LambdaResponse.ofJson(LambdaResponse.invoke(handler, withoutKey(event("post-run.json")), null));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        assertThat(started.body().path("status").asText()).isEqualTo("IN_PROGRESS");

        // What the function sent is on the queue: one message per segment, 0..3 of 4.
        List<Message> received = receiveUntil(queueUrl, SEGMENTS);
        assertThat(received).hasSize(SEGMENTS);
        assertThat(received).extracting(m -> SegmentMessages.read(m.body()).index()).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(received).allSatisfy(m -> {
            assertThat(SegmentMessages.read(m.body()).count()).isEqualTo(SEGMENTS);
            assertThat(SegmentMessages.read(m.body()).programmeId()).isEqualTo(PROGRAMME_ID);
        });

        // Lambda's event source mapping (BatchSize 1): one SQS event per message; a message the function
        // does not report as failed is deleted from the queue.
        String queueArn = queueArn(queueUrl);
        for (Message m : received) {
            JsonNode answer = LambdaResponse.invoke(handler, sqsEvent(queueArn, List.of(m)), null);
            assertThat(answer.path("batchItemFailures").isArray()).as(answer.toString()).isTrue();
            assertThat(answer.path("batchItemFailures")).as(answer.toString()).isEmpty();
            sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        }

        JsonNode run = LambdaResponse.ofJson(LambdaResponse.invoke(handler, event("get-run.json"), null)).body();
        assertThat(run.path("month").asText()).as(run.toString()).isEqualTo("2025-04");
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.path("participants").asLong()).isEqualTo(PEOPLE);
        assertThat(run.path("jkkTotal").asLong()).isEqualTo(PEOPLE * JKK);
        assertThat(run.path("jkmTotal").asLong()).isEqualTo(PEOPLE * JKM);
        assertThat(run.path("total").asLong()).isEqualTo(PEOPLE * (JKK + JKM)); // Rp84,000
        // Nothing was handed on to a fresh invocation: the queue is empty.
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages()).isEmpty();
    }

    @Test
    void aRunThroughTheQueue_writesItsBillToS3_andTheBillRouteAnswersALinkThatDownloadsTheBillFromTheTable_R21() throws Exception {
        String queueUrl = createQueue("segments-" + UUID.randomUUID(), Map.of());
        S3BillFiles files = S3BillFilesOnMotoTest.inNewBucket(endpoint, APRIL_5);
        MonthlySubsidyHandler handler = new MonthlySubsidyHandler(dynamo, table, PROGRAMME_ID, APRIL_5,
                new SqsSegmentQueue(sqs, queueUrl), SEGMENTS, id.dinsos.rentan.port.Metrics.NONE, files);
        assertThat(LambdaResponse.ofJson(LambdaResponse.invoke(handler, withoutKey(event("post-run.json")), null)).status()).isEqualTo(202);
        String queueArn = queueArn(queueUrl);
        for (Message m : receiveUntil(queueUrl, SEGMENTS)) {
            assertThat(LambdaResponse.invoke(handler, sqsEvent(queueArn, List.of(m)), null).path("batchItemFailures")).isEmpty();
            sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        }

        JsonNode answer = LambdaResponse.invoke(handler, event("get-bill.json"), null);
        LambdaResponse bill = LambdaResponse.ofJson(answer);
        assertThat(bill.status()).as(bill.raw()).isEqualTo(200);
        assertThat(bill.headers().get("Content-Type")).startsWith("application/json");
        URI url = URI.create(bill.body().path("url").asText());
        assertThat(bill.body().path("expiresAt").asText()).isNotBlank();
        assertThat(files.keys("bills/" + PROGRAMME_ID + "/2025-04/")).contains(
                "bills/" + PROGRAMME_ID + "/2025-04/part-01/manifest.json", "bills/" + PROGRAMME_ID + "/2025-04/tagihan-2025-04.csv");

        var download = S3BillFilesOnMotoTest.download(url);
        assertThat(download.statusCode()).isEqualTo(200);
        String fromTable = RunEndpoints.billCsv(new id.dinsos.rentan.application.MonthlyBill(
                new id.dinsos.rentan.dynamodb.DynamoDbLedgerStore(dynamo, table),
                new id.dinsos.rentan.dynamodb.DynamoDbProgrammeStore(dynamo, table)).bill(PROGRAMME_ID, java.time.YearMonth.of(2025, 4)));
        assertThat(new String(download.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(fromTable);
        assertThat(fromTable.lines()).hasSize(1 + PEOPLE);
    }

    @Test
    void aPoisonMessage_isReportedAsFailed_andAfterItsReceivesSqsMovesItToTheDeadLetterQueue() {
        String dlqUrl = createQueue("segments-dlq-" + UUID.randomUUID(), Map.of());
        String redrive = "{\"deadLetterTargetArn\": \"" + queueArn(dlqUrl) + "\", \"maxReceiveCount\": \"2\"}";
        // Visibility timeout 0: a message reported as failed is visible again at once, so no waiting.
        String queueUrl = createQueue("segments-" + UUID.randomUUID(),
                Map.of(QueueAttributeName.REDRIVE_POLICY, redrive, QueueAttributeName.VISIBILITY_TIMEOUT, "0"));
        String queueArn = queueArn(queueUrl);
        MonthlySubsidyHandler handler = new MonthlySubsidyHandler(dynamo, table, PROGRAMME_ID, APRIL_5,
                new SqsSegmentQueue(sqs, queueUrl), SEGMENTS);
        String poisonId = sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("not a segment {")).messageId();

        // Received twice (maxReceiveCount 2), failed twice, each failure logged with the message id.
        try (CapturedLog log = CapturedLog.of(MonthlySubsidyHandler.class)) {
            for (int receive = 1; receive <= 2; receive++) {
                String receiveCount = String.valueOf(receive);
                List<Message> messages = receiveUntil(queueUrl, 1);
                assertThat(messages).as("receive %d", receive).singleElement()
                        .satisfies(m -> assertThat(m.messageId()).isEqualTo(poisonId))
                        .satisfies(m -> assertThat(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                                .isEqualTo(receiveCount));
                JsonNode answer = LambdaResponse.invoke(handler, sqsEvent(queueArn, messages), null);
                List<String> failed = new ArrayList<>();
                answer.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
                assertThat(failed).as(answer.toString()).containsExactly(poisonId);
                // Reported as failed: Lambda leaves the message on the queue for SQS to deliver again.
            }
            assertThat(log.records()).hasSize(2).allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.SEVERE));
            assertThat(log.messages()).containsOnly("segment message " + poisonId + " failed; SQS will retry it");
        }

        // Past its receives, SQS moves it to the dead-letter queue instead of delivering it a third time.
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages())
                .isEmpty();
        List<Message> parked = receiveUntil(dlqUrl, 1);
        assertThat(parked).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("not a segment {"));
        // No run was started by it.
        assertThat(LambdaResponse.ofJson(LambdaResponse.invoke(handler, event("get-run.json"), null)).status()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ helpers

    private String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        String url = sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
        queues.add(url);
        return url;
    }

    private static String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Receives (short polls, at most MAX_RECEIVES of them) until {@code count} messages came or the queue gave none. */
    private static List<Message> receiveUntil(String queueUrl, int count) {
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < MAX_RECEIVES && received.size() < count; i++) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                    .maxNumberOfMessages(Math.min(10, count - received.size()))
                    .waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            received.addAll(batch);
        }
        return received;
    }

    /** The SQS event Lambda's event source mapping delivers for these messages. */
    private static ObjectNode sqsEvent(String queueArn, List<Message> messages) {
        ObjectNode event = SampleEvents.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            ObjectNode attributes = record.putObject("attributes");
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            record.putObject("messageAttributes");
            record.put("md5OfBody", m.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", REGION.id());
        }
        return event;
    }

    private static Clock jakarta(String localDateTime) {
        return Clock.fixed(LocalDateTime.parse(localDateTime).atZone(JAKARTA).toInstant(), JAKARTA);
    }

    private static ObjectNode event(String file) {
        return (ObjectNode) SampleEvents.readTree(EVENTS.resolve(file));
    }

    private static ObjectNode withoutKey(ObjectNode event) {
        ((ObjectNode) event.path("headers")).remove("idempotency-key");
        return event;
    }

    private static APIGatewayV2HTTPEvent registrationEvent(String file) {
        return SampleEvents.httpEvent(REGISTRATION_EVENTS.resolve(file));
    }

    private static APIGatewayV2HTTPEvent withoutKey(APIGatewayV2HTTPEvent e) {
        Map<String, String> headers = new HashMap<>(e.getHeaders());
        headers.remove("idempotency-key");
        e.setHeaders(headers);
        return e;
    }

    private static LambdaResponse send(RegistrationHandler handler, APIGatewayV2HTTPEvent event) {
        return LambdaResponse.of(handler.handleRequest(event, null));
    }

    private static JsonNode parse(String json) {
        try {
            return SampleEvents.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
