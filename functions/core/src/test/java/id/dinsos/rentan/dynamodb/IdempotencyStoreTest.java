package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.port.IdempotencyStore;
import id.dinsos.rentan.port.IdempotencyStore.StoredResponse;
import id.dinsos.rentan.testsupport.Fixtures;
import id.dinsos.rentan.testsupport.LocalDynamo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key records: claim, complete, replay, release, expiry. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // engine() is overridable, so the lifecycle methods are not static
class IdempotencyStoreTest {
    private static final Instant TOMORROW = Instant.now().plus(Duration.ofDays(1));

    private DynamoDbClient client;
    private String table;

    private DynamoDbIdempotencyStore store;
    private String key;

    /** The engine the contract runs on: DynamoDB Local, in-process; a subclass names another (or null: not there). */
    DynamoDbClient engine() {
        return DynamoDbLocal.embedded();
    }

    /** Skips the test when the engine is not there; DynamoDB Local always is. */
    void assumeEngine(DynamoDbClient engine) {
    }

    @BeforeAll
    void startDynamo() {
        client = engine();
        if (client != null) {
            table = LocalDynamo.newTable(client, "idempotency-store");
        }
    }

    @AfterAll
    void stopDynamo() {
        if (client != null) {
            client.close();
        }
    }

    @BeforeEach
    void setUp() {
        assumeEngine(client);
        store = new DynamoDbIdempotencyStore(client, table);
        key = Fixtures.uniqueId("subject") + "#key-1";
    }

    @Test
    void firstClaim_goesAhead() {
        assertThat(store.claim(key, "hash-a", TOMORROW)).isEmpty();
    }

    @Test
    void secondClaim_whileTheFirstRuns_returnsTheClaimWithoutAResponse() {
        store.claim(key, "hash-a", TOMORROW);
        assertThat(store.claim(key, "hash-a", TOMORROW)).contains(new IdempotencyStore.Record("hash-a", null));
    }

    @Test
    void claimAfterComplete_replaysTheStoredResponse() {
        store.claim(key, "hash-a", TOMORROW);
        StoredResponse response = new StoredResponse(201,
                Map.of("Content-Type", "application/json", "Location", "/registrations/r-1"), "{\"id\":\"r-1\"}");
        store.complete(key, response, TOMORROW);

        IdempotencyStore.Record record = store.claim(key, "hash-a", TOMORROW).orElseThrow();
        assertThat(record.requestHash()).isEqualTo("hash-a");
        assertThat(record.response()).isEqualTo(response);
    }

    @Test
    void anAnswerLargerThanADynamoDbItem_isStoredAndReplayedWhole() {
        // The per-row report of a decree of thousands of rows: megabytes of JSON, far above the 400 KB item limit,
        // and random enough that compression alone does not bring it under.
        java.util.Random random = new java.util.Random(7);
        StringBuilder body = new StringBuilder("{\"rows\":[");
        for (int i = 0; i < 40_000; i++) {
            body.append("{\"line\":").append(i).append(",\"id\":\"").append(new java.util.UUID(random.nextLong(), random.nextLong()))
                    .append("\"},");
        }
        body.append("{}]}");
        StoredResponse big = new StoredResponse(200, Map.of("Content-Type", "application/json"), body.toString());
        assertThat(body.length()).isGreaterThan(1_000_000);
        store.claim(key, "hash-a", TOMORROW);
        store.complete(key, big, TOMORROW);
        assertThat(store.claim(key, "hash-a", TOMORROW).orElseThrow().response()).isEqualTo(big);

        // Released, the key is free again and its pieces are gone with it.
        store.release(key);
        assertThat(store.claim(key, "hash-b", TOMORROW)).isEmpty();
    }

    @Test
    void claimWithAnotherHash_returnsTheFirstHash_soTheCallerCanRefuseTheReuse() {
        store.claim(key, "hash-a", TOMORROW);
        store.complete(key, new StoredResponse(200, Map.of(), "{}"), TOMORROW);
        assertThat(store.claim(key, "hash-b", TOMORROW)).map(IdempotencyStore.Record::requestHash).contains("hash-a");
    }

    @Test
    void release_letsTheKeyBeClaimedAgain() {
        store.claim(key, "hash-a", TOMORROW);
        store.release(key);
        assertThat(store.claim(key, "hash-b", TOMORROW)).isEmpty();
        assertThat(store.claim(key, "hash-b", TOMORROW)).map(IdempotencyStore.Record::requestHash).contains("hash-b");
    }

    @Test
    void anExpiredRecordNotYetSweptByTtl_countsAsGone() {
        store.claim(key, "hash-a", Instant.now().minus(Duration.ofMinutes(1)));
        assertThat(store.claim(key, "hash-b", TOMORROW)).isEmpty();
    }

    @Test
    void keys_areIndependent() {
        store.claim(key, "hash-a", TOMORROW);
        assertThat(store.claim(key + "-other", "hash-a", TOMORROW)).isEmpty();
    }

    @Test
    void completeWithAnEmptyBody_replaysAnEmptyBody() {
        store.claim(key, "hash-a", TOMORROW);
        store.complete(key, new StoredResponse(204, Map.of(), null), TOMORROW);
        assertThat(store.claim(key, "hash-a", TOMORROW).orElseThrow().response())
                .isEqualTo(new StoredResponse(204, Map.of(), ""));
    }
}
