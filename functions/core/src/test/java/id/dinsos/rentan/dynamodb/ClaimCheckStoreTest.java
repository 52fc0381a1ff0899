package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.domain.ClaimAssessment;
import id.dinsos.rentan.domain.ClaimCheck;
import id.dinsos.rentan.domain.ClaimReason;
import id.dinsos.rentan.domain.ClaimRequest;
import id.dinsos.rentan.domain.ClaimType;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.port.Page;
import id.dinsos.rentan.testsupport.Fixtures;
import id.dinsos.rentan.testsupport.LocalDynamo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static id.dinsos.rentan.testsupport.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The claim check store against DynamoDB Local, on the table template.yaml defines: written once, listed newest first. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // engine() is overridable, so the lifecycle methods are not static
class ClaimCheckStoreTest {
    private DynamoDbClient client;
    private String table;
    private DynamoDbClaimCheckStore store;
    private String programmeId;

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
            table = LocalDynamo.newTable(client, "claim-check-store");
        }
    }

    @AfterAll
    void stopDynamo() {
        if (client != null) {
            client.close();
        }
    }

    @BeforeEach
    void freshProgramme() {
        assumeEngine(client);
        store = new DynamoDbClaimCheckStore(client, table);
        programmeId = Fixtures.uniqueId("prog");
    }

    /** A check of {@code programme} asked {@code minutes} after the fixtures' now. */
    private static ClaimCheck check(String programme, int minutes) {
        ClaimRequest request = new ClaimRequest(ClaimType.JKM, LocalDate.of(2025, 3, 1), null, null, null, null, null);
        ClaimAssessment answer = new ClaimAssessment(false, List.of(), 0, List.of(ClaimReason.NOT_REGISTERED), 0, false,
                "PERMENAKER-1-2025", null);
        return new ClaimCheck(UUID.randomUUID().toString(), programme, null, Nik.of("3671014507850001"), request, answer,
                "staff:petugas", NOW.plusMinutes(minutes));
    }

    @Test
    void list_isNewestFirst_inPagesThatTogetherHoldEveryCheckOnce() {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ClaimCheck c = check(programmeId, i);
            store.save(c);
            newestFirst.add(0, c.id());
        }
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            Page<ClaimCheck> page = store.list(programmeId, 3, cursor);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
            page.items().forEach(c -> listed.add(c.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(listed).containsExactlyElementsOf(newestFirst);
        assertThat(store.list(programmeId, 500, null).items()).extracting(ClaimCheck::askedAt).isSortedAccordingTo(
                java.util.Comparator.reverseOrder());
    }

    @Test
    void list_readsOnlyThisProgrammesChecks_andAListedCheckReadsAsFindReadsIt() {
        ClaimCheck mine = check(programmeId, 1);
        store.save(mine);
        store.save(check(Fixtures.uniqueId("other"), 2));
        assertThat(store.list(programmeId, 50, null).items()).containsExactly(store.find(mine.id()).orElseThrow());
        assertThat(store.list(Fixtures.uniqueId("none"), 50, null).items()).isEmpty();
    }

    @Test
    void list_refusesTheCursorOfAnotherProgrammesList() {
        String other = Fixtures.uniqueId("other");
        store.save(check(other, 1));
        store.save(check(other, 2));
        String foreign = store.list(other, 1, null).nextCursor();
        assertThat(foreign).isNotNull();
        assertThatThrownBy(() -> store.list(programmeId, 1, foreign)).isInstanceOfSatisfying(Refusal.Invalid.class,
                r -> assertThat(r.errors()).extracting(Refusal.FieldError::code).containsExactly("INVALID_CURSOR"));
    }

    // ------------------------------------------------------------------ issue 11: the answer recorded with the check

    private static id.dinsos.rentan.port.IdempotencyStore.Receipt receipt(String key, String hash) {
        return new id.dinsos.rentan.port.IdempotencyStore.Receipt(key, hash, new id.dinsos.rentan.port.IdempotencyStore.StoredResponse(
                201, java.util.Map.of("Location", "/claims/checks/x"), "{\"eligible\":false}"), java.time.Instant.now().plusSeconds(3600));
    }

    @Test
    void save_withAReceipt_recordsTheCheckAndTheAnswerTogether() {
        DynamoDbIdempotencyStore idempotency = new DynamoDbIdempotencyStore(client, table);
        String key = Fixtures.uniqueId("key");
        assertThat(idempotency.claim(key, "hash-1", java.time.Instant.now().plusSeconds(60))).isEmpty();
        ClaimCheck c = check(programmeId, 0);

        assertThat(store.save(c, receipt(key, "hash-1"))).isTrue();

        assertThat(store.find(c.id())).isPresent();
        var recorded = idempotency.claim(key, "hash-1", java.time.Instant.now().plusSeconds(60)).orElseThrow();
        assertThat(recorded.response().status()).isEqualTo(201);
        assertThat(recorded.response().body()).isEqualTo("{\"eligible\":false}");
    }

    @Test
    void save_withAReceiptWhoseClaimIsGone_recordsNothing_andSaysSo() {
        ClaimCheck c = check(programmeId, 0);

        assertThat(store.save(c, receipt(Fixtures.uniqueId("never-claimed"), "hash-1"))).isFalse();

        assertThat(store.find(c.id())).isEmpty();
    }
}
