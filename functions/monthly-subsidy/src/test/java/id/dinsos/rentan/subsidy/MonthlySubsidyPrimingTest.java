package id.dinsos.rentan.subsidy;

import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.RecordingDynamoDb;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.devkit.TableFromTemplate;
import id.dinsos.rentan.dynamodb.PrimingTable;
import id.dinsos.rentan.port.SegmentQueue;
import id.dinsos.rentan.registration.RegistrationHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart priming (MonthlySubsidyHandler.prime) asks about a month long before any programme: it
 * reads, writes nothing, sends no segment, and never reads a real month's bill or participants.
 */
class MonthlySubsidyPrimingTest {
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
    void priming_readsOnly_sendsNoSegment_andAnswersEveryRoute() {
        String table = "priming-" + UUID.randomUUID();
        TableFromTemplate.create(client, ProjectFiles.readTemplate(), table);
        Clock april = Clock.fixed(Instant.parse("2025-04-05T03:00:00Z"), ZoneId.of("Asia/Jakarta"));
        assertThat(new RegistrationHandler(client, table, "kota-tangerang", april).handleRequest(
                SampleEvents.httpEvent(ProjectFiles.root().resolve("events/registration/put-programme.json")), null).getStatusCode())
                .isEqualTo(200);
        RecordingDynamoDb recording = RecordingDynamoDb.wrap(client);
        List<SegmentQueue.Segment> sent = new ArrayList<>();

        List<Integer> statuses = MonthlySubsidyHandler.prime(
                new MonthlySubsidyHandler(recording.client(), table, "kota-tangerang", april, sent::addAll, 4));

        assertThat(statuses).as("GET run, GET bill, POST dry run, POST payment, then the SQS segment").hasSize(5)
                .allSatisfy(s -> assertThat(s).isBetween(0, 499));
        assertThat(sent).isEmpty();
        assertThat(recording.calls()).isNotEmpty().doesNotContainAnyElementsOf(WRITES);
    }

    @Test
    void inMemoryPriming_answersASummaryYearAndBill_andNeverCallsTheRealTable() {
        String table = "priming-" + UUID.randomUUID();
        TableFromTemplate.create(client, ProjectFiles.readTemplate(), table);
        RecordingDynamoDb recording = RecordingDynamoDb.wrap(client);
        List<SegmentQueue.Segment> sent = new ArrayList<>();
        // The function's own client and queue exist beside the twin, as in Lambda: priming must not use them.
        new MonthlySubsidyHandler(recording.client(), table, "kota-tangerang", Clock.systemUTC(), sent::addAll, 4);
        PrimingTable standIn = PrimingTable.withSyntheticProgramme("kota-tangerang");

        // An endpoint where nothing listens: the stand-in answers before any connection would be made.
        List<Integer> statuses = MonthlySubsidyHandler.primeInMemory(Optional.of(URI.create("http://127.0.0.1:9")), table, 4, standIn);

        assertThat(statuses).as("GET run of two parts, GET paid run, GET year, GET bill").containsExactly(200, 200, 200, 200);
        assertThat(standIn.operations()).contains("GetItem", "Query");
        assertThat(sent).isEmpty();
        assertThat(recording.calls()).isEmpty();
        assertThat(client.scan(r -> r.tableName(table)).items()).isEmpty();
    }
}
