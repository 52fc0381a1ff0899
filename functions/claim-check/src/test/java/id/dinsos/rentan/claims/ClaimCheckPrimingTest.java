package id.dinsos.rentan.claims;

import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.RecordingDynamoDb;
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

/** SnapStart priming (ClaimCheckHandler.prime) reads only: a valid check would be recorded, so it sends none. */
class ClaimCheckPrimingTest {
    /** Every DynamoDB operation that changes data. */
    private static final Set<String> WRITES = Set.of("putItem", "updateItem", "deleteItem", "batchWriteItem", "transactWriteItems", "executeStatement",
            "batchExecuteStatement", "executeTransaction");
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
    void priming_readsOnly_andAnswersBothRoutes() {
        String table = "priming-" + UUID.randomUUID();
        TableFromTemplate.create(client, ProjectFiles.readTemplate(), table);
        RecordingDynamoDb recording = RecordingDynamoDb.wrap(client);
        Clock august = Clock.fixed(Instant.parse("2025-08-20T03:00:00Z"), ZoneId.of("Asia/Jakarta"));

        List<Integer> statuses = ClaimCheckHandler.prime(new ClaimCheckHandler(recording.client(), table, "kota-tangerang", august));

        assertThat(statuses).containsExactly(404, 400);
        assertThat(recording.calls()).isNotEmpty().doesNotContainAnyElementsOf(WRITES);
    }
}
