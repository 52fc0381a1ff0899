package id.dinsos.rentan.registration;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.LambdaResponse;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.RecordingDynamoDb;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.devkit.TableFromTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11's warm path: how many DynamoDB calls the most frequent requests make once a function is
 * warm, and that a warm function which remembers the programme's settings still judges every
 * application on the settings in force when it is written (R-10..R-15), whatever another function
 * instance saved meanwhile.
 */
class WarmPathCallsTest {
    private static final Path EVENTS = ProjectFiles.root().resolve("events/registration");
    private static final String PROGRAMME_ID = "kota-tangerang";
    private static final Clock MARCH_10 = Clock.fixed(Instant.parse("2025-03-10T02:00:00Z"), ZoneId.of("Asia/Jakarta"));
    private static DynamoDbClient client;

    private String table;
    private RecordingDynamoDb recording;
    /** One warm function instance, watched; {@link #other} is a second instance (another container). */
    private RegistrationHandler warm;
    private RegistrationHandler other;

    @BeforeAll
    static void startDynamo() {
        client = DynamoDbLocal.embedded();
    }

    @AfterAll
    static void stopDynamo() {
        client.close();
    }

    @BeforeEach
    void programmeAndTwoInstances() {
        table = "warm-" + UUID.randomUUID();
        TableFromTemplate.create(client, ProjectFiles.readTemplate(), table);
        recording = RecordingDynamoDb.wrap(client);
        warm = new RegistrationHandler(recording.client(), table, PROGRAMME_ID, MARCH_10);
        other = new RegistrationHandler(client, table, PROGRAMME_ID, MARCH_10);
        assertThat(send(other, event("put-programme.json")).status()).isEqualTo(200);
    }

    @Test
    void getProgramme_readsDynamoDbOnce_forThePortalAndForStaff() {
        assertThat(send(other, event("get-programme-staff.json")).status()).isEqualTo(200); // takes the breakdown's baseline
        register(1);

        for (String file : List.of("get-programme-portal.json", "get-programme-staff.json")) {
            recording.clear();
            LambdaResponse r = send(warm, event(file));
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(r.body().path("counts").path("PENDING_REVIEW").asLong()).as(r.raw()).isEqualTo(1);
            assertThat(recording.calls()).as(file).containsExactly("query");
        }
    }

    @Test
    void postRegistration_inAWarmFunction_makesTwoCalls_theIdempotencyClaim_andTheWriteWithItsAnswer() {
        LambdaResponse first = send(warm, application(1, "Karawaci", 50));
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(recording.calls()).as("a new instance reads the settings")
                .containsExactly("putItem", "getItem", "transactWriteItems");

        recording.clear();
        APIGatewayV2HTTPEvent request = application(2, "Karawaci", 50);
        LambdaResponse second = send(warm, request);

        assertThat(second.status()).as(second.raw()).isEqualTo(201);
        assertThat(recording.calls()).containsExactly("putItem", "transactWriteItems");
        LambdaResponse replayed = send(other, request);
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.header("Idempotent-Replayed")).as("the answer recorded with the registration is replayed").isEqualTo("true");
        assertThat(replayed.header("Location")).isEqualTo(second.header("Location"));
        assertThat(replayed.body()).isEqualTo(second.body());
    }

    /**
     * A claim that expired and was taken by another request before this one wrote: the answer cannot be
     * recorded with the registration, so the registration is written without it and the answer recorded
     * afterwards, as before.
     */
    @Test
    void postRegistration_whoseClaimWasTakenMeanwhile_isWrittenWithoutItsAnswer_andRecordsItAfterwards() {
        AtomicBoolean taken = new AtomicBoolean();
        DynamoDbClient takingTheClaim = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[]{DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems") && !taken.getAndSet(true)) {
                        @SuppressWarnings("unchecked")
                        TransactWriteItemsRequest transaction = TransactWriteItemsRequest.builder()
                                .applyMutation((Consumer<TransactWriteItemsRequest.Builder>) args[0]).build();
                        transaction.transactItems().stream().filter(a -> a.update() != null
                                        && a.update().key().get("PK").s().startsWith("IDEM#"))
                                .forEach(a -> client.updateItem(u -> u.tableName(table).key(a.update().key())
                                        .updateExpression("SET requestHash = :other")
                                        .expressionAttributeValues(Map.of(":other", AttributeValue.fromS("another request")))));
                    }
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RecordingDynamoDb watched = RecordingDynamoDb.wrap(takingTheClaim);
        RegistrationHandler racing = new RegistrationHandler(watched.client(), table, PROGRAMME_ID, MARCH_10);

        LambdaResponse r = send(racing, application(3, "Karawaci", 50));

        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(taken).isTrue();
        assertThat(watched.calls()).containsExactly("putItem", "getItem", "transactWriteItems", "transactWriteItems", "updateItem");
        assertThat(send(other, event("get-programme-staff.json")).body().path("counts").path("PENDING_REVIEW").asLong()).isEqualTo(1);
    }

    @Test
    void postRegistration_afterAnotherInstanceNarrowedTheSettings_isRefusedOnTheSettingsInForce_andNothingIsWritten() {
        assertThat(send(warm, application(1, "Karawaci", 50)).status()).isEqualTo(201);
        assertThat(send(other, programmeWith(Map.of("maxAge", 45))).status()).isEqualTo(200);

        LambdaResponse refused = send(warm, application(2, "Karawaci", 50));

        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.raw()).contains("AGE_ABOVE_MAXIMUM");
        assertThat(send(other, event("get-programme-staff.json")).body().path("counts").path("PENDING_REVIEW").asLong()).isEqualTo(1);
    }

    @Test
    void postRegistration_afterAnotherInstanceWidenedTheSettings_isAccepted_thoughTheRememberedSettingsRefuseIt() {
        assertThat(send(warm, application(1, "Karawaci", 50)).status()).isEqualTo(201);
        List<String> wider = new ArrayList<>(List.of("Batuceper", "Benda", "Cibodas", "Ciledug", "Cipondoh", "Jatiuwung",
                "Karangtengah", "Karawaci", "Larangan", "Neglasari", "Periuk", "Pinang", "Tangerang", "Serpong"));
        assertThat(send(other, programmeWith(Map.of("kecamatan", wider))).status()).isEqualTo(200);

        LambdaResponse accepted = send(warm, application(2, "Serpong", 50));

        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(201);
    }

    /**
     * Eight threads submit applicants aged 50 through one warm instance while another instance moves the
     * age limit between 65 and 45 and back, again and again. An application accepted on settings saved
     * away under it would be a registration the settings in force refused; the condition on the settings'
     * version makes the write fail instead, and the application is decided again.
     */
    @Test
    void postRegistration_whileSettingsAreSavedConcurrently_isNeverWrittenOnSettingsNoLongerInForce() throws Exception {
        assertThat(send(warm, application(100, "Karawaci", 50)).status()).isEqualTo(201);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> submitted = new ArrayList<>();
            for (int i = 1; i <= 80; i++) {
                int seq = i;
                submitted.add(pool.submit(() -> send(warm, application(seq, "Karawaci", 50)).status()));
            }
            for (int round = 0; round < 10; round++) {
                assertThat(send(other, programmeWith(Map.of("maxAge", 45))).status()).isEqualTo(200);
                assertThat(send(other, programmeWith(Map.of("maxAge", 65))).status()).isEqualTo(200);
            }
            int created = 0;
            for (Future<Integer> f : submitted) {
                int status = f.get();
                assertThat(status).isIn(201, 409, 422);
                created += status == 201 ? 1 : 0;
            }
            long pending = send(other, event("get-programme-staff.json")).body().path("counts").path("PENDING_REVIEW").asLong();
            assertThat(pending).as("every 201 is one registration, and only those").isEqualTo(created + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static LambdaResponse send(RegistrationHandler handler, APIGatewayV2HTTPEvent event) {
        return LambdaResponse.of(handler.handleRequest(event, null));
    }

    private static APIGatewayV2HTTPEvent event(String file) {
        return SampleEvents.httpEvent(EVENTS.resolve(file));
    }

    private void register(int seq) {
        assertThat(send(other, application(seq, "Karawaci", 50)).status()).isEqualTo(201);
    }

    /** A staff application (a fresh idempotency key) from an applicant born 1 January of the year that makes {@code age} on 10 March 2025. */
    private static APIGatewayV2HTTPEvent application(int seq, String kecamatan, int age) {
        APIGatewayV2HTTPEvent e = event("post-registration-staff.json");
        ObjectNode body = (ObjectNode) parse(e.getBody());
        int year = 2025 - age;
        // NIK: region 367102, then the birth date as DDMMYY (day + 40 for women), then a serial (R-10).
        body.put("nik", String.format("367102%02d%02d%02d%04d", 1, 1, year % 100, seq));
        body.put("birthDate", String.format("%d-01-01", year));
        body.put("sex", "M");
        ((ObjectNode) body.path("address")).put("kecamatan", kecamatan);
        e.setBody(body.toString());
        Map<String, String> headers = new HashMap<>(e.getHeaders());
        headers.put("idempotency-key", UUID.randomUUID().toString());
        e.setHeaders(headers);
        return e;
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return SampleEvents.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static APIGatewayV2HTTPEvent programmeWith(Map<String, Object> changes) {
        APIGatewayV2HTTPEvent e = event("put-programme.json");
        ObjectNode body = (ObjectNode) parse(e.getBody());
        changes.forEach((k, v) -> body.set(k, SampleEvents.MAPPER.valueToTree(v)));
        e.setBody(body.toString());
        return e;
    }
}
