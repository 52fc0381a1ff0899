package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.domain.BudgetAllocation;
import id.dinsos.rentan.domain.ContributionRate;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Occupation;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.RunStatus;
import id.dinsos.rentan.port.IdempotencyStore;
import id.dinsos.rentan.port.ProgrammeStore;
import id.dinsos.rentan.port.RegistrationStore;
import id.dinsos.rentan.port.RegistrationStore.Change;
import id.dinsos.rentan.port.RegistrationStore.QuotaGuard;
import id.dinsos.rentan.testsupport.Fixtures;
import id.dinsos.rentan.testsupport.LocalDynamo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static id.dinsos.rentan.testsupport.Fixtures.NEXT_MONTH;
import static id.dinsos.rentan.testsupport.Fixtures.NOW;
import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The programme item: settings and the counters that keep the quota honest. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // engine() is overridable, so the lifecycle methods are not static
class ProgrammeStoreTest {
    private DynamoDbClient client;
    private String table;

    private DynamoDbProgrammeStore store;
    private DynamoDbRegistrationStore registrations;
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
            table = LocalDynamo.newTable(client, "programme-store");
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
        store = new DynamoDbProgrammeStore(client, table);
        registrations = new DynamoDbRegistrationStore(client, table);
        programmeId = Fixtures.uniqueId("prog");
    }

    private void activate(int seq) {
        Registration r = Fixtures.pending(programmeId, seq);
        registrations.write(List.of(Change.create(r.activate(NEXT_MONTH, STAFF, NOW, "approved"))), QuotaGuard.ONE_PLACE_FREE);
    }

    private static Programme withQuota(Programme p, int quota) {
        return new Programme(p.id(), p.name(), quota, p.kecamatan(), p.eligibleOccupations(), p.dtsenMaxDecile(), p.minAge(),
                p.maxAge(), p.coverageStartDelayMonths(), p.rates(), p.budgets(), p.holidays(), p.wadahCode());
    }

    @Test
    void save_thenFind_returnsTheSameSettings() {
        Programme programme = new Programme(programmeId, "Perlindungan Pekerja Rentan", 5952, Fixtures.TANGERANG,
                EnumSet.of(Occupation.FISHER, Occupation.FARMER), 3, 18, 60, 2,
                List.of(new ContributionRate(YearMonth.of(2025, 1), 1_000_000, 10_000, 6_800),
                        new ContributionRate(YearMonth.of(2026, 1), 500_000, 5_000, 3_400)),
                List.of(new BudgetAllocation(2025, 1_199_923_200L), new BudgetAllocation(2026, 600_000_000L)),
                List.of(LocalDate.of(2025, 12, 25), LocalDate.of(2025, 8, 17)), "SG2025");
        assertThat(store.save(programme)).isEqualTo(ProgrammeStore.SaveResult.SAVED);
        assertThat(store.find(programmeId)).map(ProgrammeStore.Snapshot::programme).contains(programme);
    }

    @Test
    void find_unknownProgramme_isEmpty() {
        assertThat(store.find("never-saved")).isEmpty();
    }

    @Test
    void counters_startAtZero() {
        store.save(Fixtures.programme(programmeId, 10));
        ProgrammeStore.Snapshot snapshot = store.find(programmeId).orElseThrow();
        for (RegistrationStatus status : RegistrationStatus.values()) {
            assertThat(snapshot.counts().of(status)).as(status.name()).isZero();
        }
    }

    @Test
    void saveAgain_keepsTheCounters() {
        store.save(Fixtures.programme(programmeId, 10));
        activate(1);
        activate(2);
        assertThat(store.save(withQuota(Fixtures.programme(programmeId, 10), 20))).isEqualTo(ProgrammeStore.SaveResult.SAVED);
        ProgrammeStore.Snapshot snapshot = store.find(programmeId).orElseThrow();
        assertThat(snapshot.programme().quota()).isEqualTo(20);
        assertThat(snapshot.counts().active()).isEqualTo(2);
    }

    @Test
    void save_refusesAQuotaBelowTheActiveCount_andKeepsTheOldSettings_R17() {
        store.save(Fixtures.programme(programmeId, 10));
        activate(1);
        activate(2);
        activate(3);
        assertThat(store.save(withQuota(Fixtures.programme(programmeId, 10), 2))).isEqualTo(ProgrammeStore.SaveResult.QUOTA_BELOW_ACTIVE);
        assertThat(store.find(programmeId).orElseThrow().programme().quota()).isEqualTo(10);
    }

    @Test
    void save_acceptsAQuotaEqualToTheActiveCount_R17() {
        store.save(Fixtures.programme(programmeId, 10));
        activate(1);
        activate(2);
        assertThat(store.save(withQuota(Fixtures.programme(programmeId, 10), 2))).isEqualTo(ProgrammeStore.SaveResult.SAVED);
        assertThat(store.find(programmeId).orElseThrow().programme().quota()).isEqualTo(2);
    }

    /** Rewrites the stored rate rows as items were written before each row had its income, with an optional old programme-wide income. */
    private void storeAsBeforeIncomeMovedToTheRates(Long legacyIncome) {
        Map<String, AttributeValue> key = DynamoDbProgrammeStore.key(programmeId);
        AttributeValue oldRows = AttributeValue.fromL(List.of(
                AttributeValue.fromM(Map.of("from", Attr.s("2025-01"), "jkk", Attr.n(10_000), "jkm", Attr.n(6_800))),
                AttributeValue.fromM(Map.of("from", Attr.s("2026-01"), "jkk", Attr.n(5_000), "jkm", Attr.n(3_400)))));
        if (legacyIncome == null) {
            client.updateItem(r -> r.tableName(table).key(key).updateExpression("SET rates = :rates")
                    .expressionAttributeValues(Map.of(":rates", oldRows)));
        } else {
            client.updateItem(r -> r.tableName(table).key(key).updateExpression("SET rates = :rates, declaredIncome = :income")
                    .expressionAttributeValues(Map.of(":rates", oldRows, ":income", Attr.n(legacyIncome))));
        }
    }

    private Map<String, AttributeValue> storedItem() {
        return client.getItem(r -> r.tableName(table).key(DynamoDbProgrammeStore.key(programmeId)).consistentRead(true)).item();
    }

    @Test
    void oldItem_withRowsWithoutIncome_takesTheOldProgrammeWideDeclaredIncome_R01() {
        store.save(Fixtures.programme(programmeId, 10));
        storeAsBeforeIncomeMovedToTheRates(1_000_000L);

        assertThat(store.find(programmeId).orElseThrow().programme().rates()).containsExactly(
                new ContributionRate(YearMonth.of(2025, 1), 1_000_000, 10_000, 6_800),
                new ContributionRate(YearMonth.of(2026, 1), 1_000_000, 5_000, 3_400));
    }

    @Test
    void oldItem_withoutAnyDeclaredIncome_takes100TimesJkk_R01() {
        store.save(Fixtures.programme(programmeId, 10));
        storeAsBeforeIncomeMovedToTheRates(null);

        assertThat(store.find(programmeId).orElseThrow().programme().rates()).containsExactly(
                new ContributionRate(YearMonth.of(2025, 1), 1_000_000, 10_000, 6_800),
                new ContributionRate(YearMonth.of(2026, 1), 500_000, 5_000, 3_400));
    }

    @Test
    void save_writesTheIncomeIntoEachRateRow_andDropsTheOldProgrammeWideIncome_R01_R04() {
        store.save(Fixtures.programme(programmeId, 10));
        storeAsBeforeIncomeMovedToTheRates(1_000_000L);
        assertThat(storedItem()).containsKey("declaredIncome");

        store.save(Fixtures.programme(programmeId, 10));

        Map<String, AttributeValue> item = storedItem();
        assertThat(item).doesNotContainKey("declaredIncome");
        assertThat(item.get("rates").l()).singleElement().satisfies(row -> assertThat(row.m().get("declaredIncome").n()).isEqualTo("1000000"));
        assertThat(store.find(programmeId).orElseThrow().programme()).isEqualTo(Fixtures.programme(programmeId, 10));
    }

    @Test
    void aMonthWrittenWithAFiveDigitYearAndNoSign_readsBack_insteadOfFailingEveryReader() {
        assertThat(ProgrammeItems.month("2025-01")).isEqualTo(YearMonth.of(2025, 1));
        assertThat(ProgrammeItems.month(YearMonth.of(10_000, 1).toString())).isEqualTo(YearMonth.of(10_000, 1));
        assertThatThrownBy(() -> ProgrammeItems.month("10000-13")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ProgrammeItems.month("garbage")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("garbage");
    }

    // ------------------------------------------------------------------ issue 11: one read for the status page

    @Test
    void overview_isWhatFindBreakdownAndTheLedgerSay_inOneQuery_withoutTheRunsShardProgress() {
        store.save(Fixtures.programme(programmeId, 10));
        activate(1);
        registrations.write(List.of(Change.create(Fixtures.pending(programmeId, 2))), QuotaGuard.NONE);
        store.breakdown(programmeId); // takes the baseline
        DynamoDbLedgerStore ledger = new DynamoDbLedgerStore(client, table);
        ContributionRate rate = Fixtures.programme(programmeId, 10).rates().get(0);
        for (YearMonth month : List.of(YearMonth.of(2025, 4), YearMonth.of(2025, 5))) {
            ledger.start(new MonthlyRun(programmeId, month, 1, RunStatus.IN_PROGRESS, rate, 1, 0, 0, 1, null, NOW, null,
                    month.atDay(20), null), 1_000_000_000L);
        }
        client.putItem(r -> r.tableName(table).item(Map.of(TableLayout.PK, AttributeValue.fromS(Keys.programme(programmeId)),
                TableLayout.SK, AttributeValue.fromS(Keys.runShard(YearMonth.of(2025, 4), 1, 0)), "type", AttributeValue.fromS("RunShard"))));

        ProgrammeStore.Overview overview = store.overview(programmeId).orElseThrow();

        assertThat(overview.snapshot()).isEqualTo(store.find(programmeId).orElseThrow());
        assertThat(overview.breakdown()).isEqualTo(store.breakdown(programmeId));
        assertThat(overview.budgetUse()).isEqualTo(ledger.budgetUse(programmeId)).isNotEmpty();
        assertThat(overview.runs()).isEqualTo(ledger.runs(programmeId)).hasSize(2);
    }

    @Test
    void overview_ofAProgrammeNeverSaved_isEmpty() {
        assertThat(store.overview("never-saved")).isEmpty();
    }

    @Test
    void save_countsEachSaveInTheSettingsVersion() {
        store.save(Fixtures.programme(programmeId, 10));
        assertThat(store.find(programmeId).orElseThrow().settingsVersion()).isEqualTo(1);
        store.save(Fixtures.programme(programmeId, 12));
        assertThat(store.find(programmeId).orElseThrow().settingsVersion()).isEqualTo(2);
    }

    @Test
    void write_decidedOnSettingsSavedSince_writesNothing_andSaysSettingsChanged_R10_R15() {
        store.save(Fixtures.programme(programmeId, 10));
        long readVersion = store.find(programmeId).orElseThrow().settingsVersion();
        store.save(Fixtures.programme(programmeId, 11));
        Registration application = Fixtures.pending(programmeId, 1);

        var result = registrations.write(List.of(Change.create(application)), QuotaGuard.NONE, readVersion);

        assertThat(result).isEqualTo(id.dinsos.rentan.port.RegistrationStore.WriteResult.SETTINGS_CHANGED);
        assertThat(registrations.find(application.id())).isEmpty();
        assertThat(store.find(programmeId).orElseThrow().counts().of(RegistrationStatus.PENDING_REVIEW)).isZero();
        assertThat(registrations.write(List.of(Change.create(application)), QuotaGuard.NONE, readVersion + 1))
                .isEqualTo(id.dinsos.rentan.port.RegistrationStore.WriteResult.WRITTEN);
    }

    @Test
    void write_onAnItemSavedBeforeTheSettingsVersion_holdsForVersionZero() {
        store.save(Fixtures.programme(programmeId, 10));
        client.updateItem(r -> r.tableName(table).key(DynamoDbProgrammeStore.key(programmeId))
                .updateExpression("REMOVE " + ProgrammeItems.SETTINGS_VERSION));
        assertThat(store.find(programmeId).orElseThrow().settingsVersion()).isZero();

        assertThat(registrations.write(List.of(Change.create(Fixtures.pending(programmeId, 1))), QuotaGuard.NONE, 1))
                .isEqualTo(id.dinsos.rentan.port.RegistrationStore.WriteResult.SETTINGS_CHANGED);
        assertThat(registrations.write(List.of(Change.create(Fixtures.pending(programmeId, 2))), QuotaGuard.NONE, 0))
                .isEqualTo(id.dinsos.rentan.port.RegistrationStore.WriteResult.WRITTEN);
    }

    // ------------------------------------------------------------------ issue 11: the answer recorded with the work

    private static IdempotencyStore.Receipt receipt(String key, String hash) {
        return new IdempotencyStore.Receipt(key, hash, new IdempotencyStore.StoredResponse(201, Map.of("Location", "/registrations/x"),
                "{\"id\":\"x\"}"), java.time.Instant.now().plusSeconds(3600));
    }

    @Test
    void write_withAReceipt_recordsTheAnswerInTheSameTransaction() {
        store.save(Fixtures.programme(programmeId, 10));
        DynamoDbIdempotencyStore idempotency = new DynamoDbIdempotencyStore(client, table);
        String key = Fixtures.uniqueId("key");
        assertThat(idempotency.claim(key, "hash-1", java.time.Instant.now().plusSeconds(60))).isEmpty();
        Registration application = Fixtures.pending(programmeId, 1);

        assertThat(registrations.write(List.of(Change.create(application)), QuotaGuard.NONE, RegistrationStore.ANY_SETTINGS,
                receipt(key, "hash-1"))).isEqualTo(RegistrationStore.WriteResult.WRITTEN);

        assertThat(registrations.find(application.id())).isPresent();
        IdempotencyStore.Record recorded = idempotency.claim(key, "hash-1", java.time.Instant.now().plusSeconds(60)).orElseThrow();
        assertThat(recorded.response().status()).isEqualTo(201);
        assertThat(recorded.response().body()).isEqualTo("{\"id\":\"x\"}");
        assertThat(recorded.response().headers()).containsEntry("Location", "/registrations/x");
    }

    @Test
    void write_withAReceiptWhoseClaimIsGoneOrAnothers_writesNothing_andSaysReceiptRefused() {
        store.save(Fixtures.programme(programmeId, 10));
        DynamoDbIdempotencyStore idempotency = new DynamoDbIdempotencyStore(client, table);
        String taken = Fixtures.uniqueId("key");
        idempotency.claim(taken, "another request", java.time.Instant.now().plusSeconds(60));
        Registration application = Fixtures.pending(programmeId, 1);

        for (String key : List.of(Fixtures.uniqueId("never-claimed"), taken)) {
            assertThat(registrations.write(List.of(Change.create(application)), QuotaGuard.NONE, RegistrationStore.ANY_SETTINGS,
                    receipt(key, "hash-1"))).as(key).isEqualTo(RegistrationStore.WriteResult.RECEIPT_REFUSED);
        }
        assertThat(registrations.find(application.id())).isEmpty();
        assertThat(store.find(programmeId).orElseThrow().counts().of(RegistrationStatus.PENDING_REVIEW)).isZero();
    }
}
