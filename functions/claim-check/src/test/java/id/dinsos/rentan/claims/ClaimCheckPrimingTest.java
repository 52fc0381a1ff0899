package id.dinsos.rentan.claims;

import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.RecordingDynamoDb;
import id.dinsos.rentan.devkit.TableFromTemplate;
import id.dinsos.rentan.dynamodb.PrimingTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart priming reads only from the real table (ClaimCheckHandler.prime: a valid check would be
 * recorded, so it sends none there); valid checks go to an in-memory stand-in (primeInMemory).
 */
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

    @Test
    void inMemoryPriming_recordsChecksInTheStandIn_andNeverCallsTheRealTable() {
        String table = "priming-" + UUID.randomUUID();
        TableFromTemplate.create(client, ProjectFiles.readTemplate(), table);
        RecordingDynamoDb recording = RecordingDynamoDb.wrap(client);
        // The function's own client exists beside the twin, as in Lambda: priming must not use it.
        new ClaimCheckHandler(recording.client(), table, "kota-tangerang", Clock.systemUTC());
        PrimingTable standIn = PrimingTable.withSyntheticProgramme("kota-tangerang");

        // An endpoint where nothing listens: the stand-in answers before any connection would be made.
        List<Integer> statuses = ClaimCheckHandler.primeInMemory(Optional.of(URI.create("http://127.0.0.1:9")), table, standIn);

        assertThat(statuses).as("POST JKM check, POST JKK check, GET the check, GET the list").containsExactly(201, 201, 200, 200);
        assertThat(standIn.operations()).as("the idempotency claim, then the check with its answer in one transaction, in memory")
                .contains("PutItem", "TransactWriteItems", "GetItem", "Query");
        assertThat(recording.calls()).isEmpty();
        assertThat(client.scan(r -> r.tableName(table)).items()).isEmpty();
    }
}
