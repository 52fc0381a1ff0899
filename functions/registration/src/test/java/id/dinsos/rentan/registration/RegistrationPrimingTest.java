package id.dinsos.rentan.registration;

import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.RecordingDynamoDb;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.devkit.TableFromTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart priming (RegistrationHandler.prime) sends the routes requests that only read: DynamoDB
 * sees reads and nothing else, and no request fails on our side (a 4xx refusal is the point for some).
 */
class RegistrationPrimingTest {
    /** Every DynamoDB operation that changes data. */
    static final Set<String> WRITES = Set.of("putItem", "updateItem", "deleteItem", "batchWriteItem", "transactWriteItems", "executeStatement",
            "batchExecuteStatement", "executeTransaction");
    private static final Clock MARCH_10 = Clock.fixed(Instant.parse("2025-03-10T02:00:00Z"), ZoneId.of("Asia/Jakarta"));
    private static DynamoDbClient client;

    @BeforeAll
    static void startDynamo() {
        client = DynamoDbLocal.embedded();
    }

    @AfterAll
    static void stopDynamo() {
        client.close();
    }

    @Test
    void priming_onAProgrammeWithPeople_readsOnly_andAnswersEveryRoute() {
        String table = "priming-" + UUID.randomUUID();
        TableFromTemplate.create(client, ProjectFiles.readTemplate(), table);
        RegistrationHandler setUp = new RegistrationHandler(client, table, "kota-tangerang", MARCH_10);
        assertThat(setUp.handleRequest(SampleEvents.httpEvent(ProjectFiles.root().resolve("events/registration/put-programme.json")), null)
                .getStatusCode()).isEqualTo(200);
        var decree = (com.fasterxml.jackson.databind.node.ObjectNode) SampleEvents.readTree(
                ProjectFiles.root().resolve("events/registration/import-registrations.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) decree.get("headers")).remove("idempotency-key");
        assertThat(setUp.handleRequest(SampleEvents.httpEvent(decree), null).getStatusCode()).isEqualTo(200);
        RecordingDynamoDb recording = RecordingDynamoDb.wrap(client);

        List<Integer> statuses = RegistrationHandler.prime(new RegistrationHandler(recording.client(), table, "kota-tangerang", MARCH_10));

        assertThat(statuses).as("every route answered, none with a fault of ours").hasSize(7).allSatisfy(s -> assertThat(s).isBetween(200, 499));
        assertThat(statuses).as("GET /programme and the list read real data").startsWith(200, 200);
        assertThat(recording.calls()).isNotEmpty().doesNotContainAnyElementsOf(WRITES);
    }
}
