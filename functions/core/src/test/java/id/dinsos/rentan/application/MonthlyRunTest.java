package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Arrears;
import id.dinsos.rentan.domain.BudgetAllocation;
import id.dinsos.rentan.domain.ContributionLine;
import id.dinsos.rentan.domain.ContributionRate;
import id.dinsos.rentan.domain.EndReason;
import id.dinsos.rentan.domain.MonthParts;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Payment;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.RunStatus;
import id.dinsos.rentan.port.LedgerStore;
import id.dinsos.rentan.port.SegmentQueue;
import id.dinsos.rentan.testsupport.Fixtures;
import id.dinsos.rentan.testsupport.Services;
import id.dinsos.rentan.testsupport.TickingClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.dinsos.rentan.http.BillCsv;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The monthly run on DynamoDB Local (R-01..R-07, R-20..R-23). The programme clock stands in
 * July 2025, so April..July can be run; coverage is set through the decree import, which lets
 * coverage start in any month of the budget year.
 */
class MonthlyRunTest extends ApplicationTestBase {
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final Instant JULY_20 = Instant.parse("2025-07-20T02:00:00Z");
    private static final ContributionRate FULL = new ContributionRate(YearMonth.of(2025, 1), 1_000_000, 10_000, 6_800);
    private static final ContributionRate HALVED = new ContributionRate(YearMonth.of(2025, 6), 500_000, 5_000, 3_400);
    private static final YearMonth APRIL = YearMonth.of(2025, 4);
    private static final YearMonth MAY = YearMonth.of(2025, 5);
    private static final YearMonth JUNE = YearMonth.of(2025, 6);

    /** Runs after the base class's wiring: the same table and programme id, with the clock in July. */
    @BeforeEach
    void inJuly() {
        services = at(JULY_20);
    }

    private Services at(Instant instant) {
        return new Services(client, table, TickingClock.startingAt(instant, Duration.ofMillis(1), JAKARTA));
    }

    private void setUp(int quota, long allocation, ContributionRate... rates) {
        Programme base = Fixtures.programme(programmeId, quota);
        services.settings.save(new Programme(programmeId, base.name(), quota, base.kecamatan(), base.eligibleOccupations(),
                base.dtsenMaxDecile(), base.minAge(), base.maxAge(), 1, List.of(rates),
                List.of(new BudgetAllocation(2025, allocation)), List.of(), base.wadahCode()), STAFF);
    }

    /** Imports applicants {@code from..to} (inclusive) covered from {@code start}; returns their registration ids. */
    private List<String> enrol(int from, int to, LocalDate start) {
        List<DecreeRow> rows = new ArrayList<>();
        for (int seq = from; seq <= to; seq++) {
            rows.add(new DecreeRow(seq + 1, Fixtures.nik(seq).value(), Fixtures.applicant(seq), start, List.of()));
        }
        ImportDecreeList.Result result = services.importList.run(programmeId, rows, STAFF);
        assertThat(result.accepted()).isEqualTo(rows.size());
        return result.rows().stream().map(ImportDecreeList.RowResult::registrationId).toList();
    }

    private MonthlyRunView run(YearMonth month) {
        return services.runMonth.run(programmeId, month, false, 1, STAFF);
    }

    private List<ContributionLine> lines(YearMonth month) {
        return services.ledgerStore.lines(programmeId, month);
    }

    private long charged2025() {
        return services.ledgerStore.budgetUse(programmeId).getOrDefault(2025, new LedgerStore.BudgetUse(0, 0)).charged();
    }

    @Test
    void month_chargesEveryoneEnrolledInIt_joinersFromTheirStart_leaversToTheEndOfTheirMonth_R20_R21() {
        setUp(100, 1_199_923_200L, FULL);
        List<String> early = enrol(1, 3, LocalDate.of(2025, 1, 1));
        enrol(4, 5, LocalDate.of(2025, 5, 1));
        services.end.end(early.get(0), EndReason.DIED, LocalDate.of(2025, 4, 20), STAFF);

        MonthlyRunView april = run(APRIL);
        assertThat(april.run().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(april.run().participants()).isEqualTo(3); // the one who died in April is covered to 30 April
        assertThat(april.run().jkkTotal()).isEqualTo(30_000);
        assertThat(april.run().jkmTotal()).isEqualTo(20_400);
        assertThat(april.run().total()).isEqualTo(50_400);

        MonthlyRunView may = run(MAY);
        assertThat(may.run().participants()).isEqualTo(4); // 2 early ones left + 2 joiners
        assertThat(lines(MAY)).extracting(ContributionLine::registrationId).doesNotContain(early.get(0));
    }

    @Test
    void year_listsTwelveMonths_eachAddedUpOverItsPartsAsItsSummaryIs_andReadsOnlyThatYearsParts_R21_R22() {
        setUp(100, 1_199_923_200L, new ContributionRate(YearMonth.of(2024, 12), 1_000_000, 10_000, 6_800));
        enrol(1, 3, LocalDate.of(2025, 1, 1));
        // December 2024 is run with nobody in it: its part belongs to 2024 only.
        assertThat(run(YearMonth.of(2024, 12)).run().status()).isEqualTo(RunStatus.COMPLETED);
        run(APRIL);
        services.payments.pay(programmeId, APRIL, LocalDate.of(2025, 7, 1), "SP2D-04", STAFF);
        enrol(4, 4, LocalDate.of(2025, 4, 1)); // dated back into April: a supplementary part
        run(APRIL);
        run(MAY);

        RunYearView year = services.runMonth.year(programmeId, 2025);

        assertThat(year.year()).isEqualTo(2025);
        assertThat(year.months()).extracting(MonthParts::month)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(m -> YearMonth.of(2025, m)).toList());
        assertThat(year.months()).filteredOn(m -> m.parts().isEmpty()).hasSize(10);
        MonthParts april = year.months().get(3);
        assertThat(april.parts()).extracting(MonthlyRun::part).containsExactly(1, 2);
        assertThat(april.participants()).isEqualTo(4);
        assertThat(april.total()).isEqualTo(4 * 16_800);
        assertThat(april.paidTotal()).isEqualTo(3 * 16_800);
        assertThat(april.unpaidTotal()).isEqualTo(16_800);
        // Part 2 was raised on 20 July: due 15 August, so not overdue yet.
        assertThat(april.overdueOn(year.today())).isFalse();
        MonthParts may = year.months().get(4);
        assertThat(may.unpaidTotal()).isEqualTo(4 * 16_800);
        assertThat(may.overdueOn(year.today())).isTrue(); // due 15 May, unpaid on 20 July
        // The same figures as each month's own summary.
        for (MonthParts month : List.of(april, may)) {
            MonthParts summary = services.runMonth.summary(programmeId, month.month()).month();
            assertThat(month).isEqualTo(summary);
        }
        assertThat(year.budget()).isEqualTo(services.ledger.budgetYear(services.programmes.find(programmeId).orElseThrow().programme(), 2025));
        assertThat(year.budget().charged()).isEqualTo(8 * 16_800);

        RunYearView previous = services.runMonth.year(programmeId, 2024);
        assertThat(previous.months().get(11).status()).contains(RunStatus.COMPLETED);
        assertThat(previous.months().get(11).participants()).isZero();
        assertThat(previous.months().get(11).overdueOn(previous.today())).as("a part that charged nobody owes nothing").isFalse();
        assertThat(previous.months().subList(0, 11)).allSatisfy(m -> assertThat(m.parts()).isEmpty());
    }

    @Test
    void year_ofAProgrammeNotSetUp_isProgrammeNotFound() {
        assertThatThrownBy(() -> services.runMonth.year(programmeId, 2025)).isInstanceOfSatisfying(Refusal.NotFound.class,
                r -> assertThat(r.code()).isEqualTo("PROGRAMME_NOT_FOUND"));
    }

    @Test
    void month_isChargedAtTheRateInForceForIt_R04() {
        setUp(100, 1_199_923_200L, FULL, HALVED);
        enrol(1, 4, LocalDate.of(2025, 1, 1));
        assertThat(run(MAY).run().total()).isEqualTo(4 * 16_800);
        MonthlyRunView june = run(JUNE);
        assertThat(june.run().rate()).isEqualTo(HALVED);
        assertThat(june.run().total()).isEqualTo(4 * 8_400);
        assertThat(lines(JUNE)).allSatisfy(l -> {
            assertThat(l.jkk()).isEqualTo(5_000);
            assertThat(l.jkm()).isEqualTo(3_400);
        });
    }

    @Test
    void runningAMonthAgain_chargesNobodyTwice_andReportsTheSameTotals_R23() {
        setUp(100, 1_199_923_200L, FULL);
        enrol(1, 5, LocalDate.of(2025, 1, 1));
        MonthlyRun first = run(APRIL).run();
        MonthlyRun again = run(APRIL).run();
        MonthlyRun third = services.runMonth.run(programmeId, APRIL, false, 4, STAFF).run();

        assertThat(again).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(first.total()).isEqualTo(84_000);
        assertThat(lines(APRIL)).hasSize(5);
        assertThat(charged2025()).isEqualTo(84_000);
    }

    @Test
    void runsOfTheSameMonthAtOnce_chargeEachParticipantOnce_R23() throws Exception {
        setUp(200, 1_199_923_200L, FULL);
        enrol(1, 60, LocalDate.of(2025, 1, 1));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MonthlyRunView>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int segments = 1 + i % 4;
            results.add(pool.submit(() -> {
                start.await();
                return services.runMonth.run(programmeId, APRIL, false, segments, STAFF);
            }));
        }
        start.countDown();
        for (Future<MonthlyRunView> r : results) {
            r.get();
        }
        pool.shutdown();
        run(APRIL); // finishes whatever an overtaken invocation left
        MonthlyRun done = services.ledgerStore.findPart(programmeId, APRIL, 1).orElseThrow();
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.participants()).isEqualTo(60);
        assertThat(lines(APRIL)).hasSize(60).extracting(ContributionLine::registrationId).doesNotHaveDuplicates();
        assertThat(charged2025()).isEqualTo(60 * 16_800);
    }

    @Test
    void runInterruptedAfterSomeBatches_isResumedByTheNextInvocation_withExactTotals_R23() {
        setUp(200, 1_199_923_200L, FULL);
        enrol(1, 80, LocalDate.of(2025, 1, 1));
        // The first invocation dies after writing three pages of lines (a crash between batches).
        CrashingLedger crashing = new CrashingLedger(services.ledgerStore, 3);
        RunSegment dying = new RunSegment(services.participants, crashing, Fixtures.CLOCK);
        SegmentQueue dyingQueue = segments -> segments.forEach(s -> dying.process(s, () -> Long.MAX_VALUE, 0));
        RunMonth firstInvocation = new RunMonth(services.programmes, services.participants, crashing, services.ledger, dyingQueue,
                services.lapses, TickingClock.startingAt(JULY_20, Duration.ofMillis(1), JAKARTA));
        assertThatThrownBy(() -> firstInvocation.run(programmeId, APRIL, false, 1, STAFF)).hasMessageContaining("crash");

        MonthlyRun interrupted = services.ledgerStore.findPart(programmeId, APRIL, 1).orElseThrow();
        assertThat(interrupted.status()).isEqualTo(RunStatus.IN_PROGRESS);
        int writtenBeforeCrash = lines(APRIL).size();
        assertThat(writtenBeforeCrash).isPositive().isLessThan(80);

        MonthlyRunView resumed = run(APRIL);
        assertThat(resumed.run().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.run().participants()).isEqualTo(80);
        assertThat(resumed.run().total()).isEqualTo(80 * 16_800);
        assertThat(lines(APRIL)).hasSize(80).extracting(ContributionLine::registrationId).doesNotHaveDuplicates();
        assertThat(charged2025()).isEqualTo(80 * 16_800);
    }

    @Test
    void duplicateDeliveriesOfASegment_leaveLeasedShardsAlone_soEachLineIsWrittenOnce_R23() throws Exception {
        setUp(400, 1_199_923_200L, FULL);
        enrol(1, 200, LocalDate.of(2025, 1, 1));
        services.segmentQueue.hold();
        run(APRIL);
        SegmentQueue.Segment segment = services.segmentQueue.held().get(0);
        // Every line write goes through a counter: four deliveries of one segment at once.
        AtomicInteger written = new AtomicInteger();
        LedgerStore counting = (LedgerStore) java.lang.reflect.Proxy.newProxyInstance(LedgerStore.class.getClassLoader(),
                new Class<?>[]{LedgerStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("writeLines")) {
                        written.addAndGet(((Collection<?>) args[1]).size());
                    }
                    try {
                        return method.invoke(services.ledgerStore, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RunSegment worker = new RunSegment(services.participants, counting, Fixtures.CLOCK);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RunSegment.Outcome>> deliveries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            deliveries.add(pool.submit(() -> {
                start.await();
                return worker.process(segment, () -> Long.MAX_VALUE, 0);
            }));
        }
        start.countDown();
        List<RunSegment.Outcome> outcomes = new ArrayList<>();
        for (Future<RunSegment.Outcome> d : deliveries) {
            outcomes.add(d.get());
        }
        pool.shutdown();
        assertThat(written.get()).as("each of the 200 lines written once, not once per delivery").isEqualTo(200);
        assertThat(outcomes).doesNotContain(RunSegment.Outcome.MORE_TO_DO, RunSegment.Outcome.NOT_IN_PROGRESS);
        MonthlyRun done = services.ledgerStore.findPart(programmeId, APRIL, 1).orElseThrow();
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.participants()).isEqualTo(200);
        assertThat(lines(APRIL)).hasSize(200);
    }

    @Test
    void segmentOutOfTime_handsTheRestOn_andTheNextInvocationFinishes_R23() {
        setUp(200, 1_199_923_200L, FULL);
        enrol(1, 40, LocalDate.of(2025, 1, 1));
        services.segmentQueue.hold();
        run(APRIL);
        SegmentQueue.Segment segment = services.segmentQueue.held().get(0);
        AtomicInteger calls = new AtomicInteger();
        // Time for four pages, then the invocation must stop and hand the segment on.
        RunSegment.Outcome first = services.runSegment.process(segment, () -> calls.incrementAndGet() <= 4 ? 600_000 : 1_000, 120_000);
        assertThat(first).isEqualTo(RunSegment.Outcome.MORE_TO_DO);
        assertThat(services.ledgerStore.findPart(programmeId, APRIL, 1).orElseThrow().status()).isEqualTo(RunStatus.IN_PROGRESS);

        assertThat(services.runSegment.process(segment, () -> Long.MAX_VALUE, 0)).isEqualTo(RunSegment.Outcome.DONE);
        MonthlyRun done = services.ledgerStore.findPart(programmeId, APRIL, 1).orElseThrow();
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.participants()).isEqualTo(40);
        assertThat(lines(APRIL)).hasSize(40);
    }

    @Test
    void budgetGuard_allocationEqualToTheMonthsCost_passes_R22() {
        setUp(10, 5 * 16_800, FULL);
        enrol(1, 5, LocalDate.of(2025, 1, 1));
        MonthlyRunView view = run(APRIL);
        assertThat(view.run().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(view.budget().remaining()).isZero();
        assertThat(view.budget().committed()).isEqualTo(84_000);
    }

    @Test
    void budgetGuard_oneRupiahLess_blocksTheRun_writesNothing_andReportsTheShortfall_R22() {
        setUp(10, 5 * 16_800 - 1, FULL);
        enrol(1, 5, LocalDate.of(2025, 1, 1));
        MonthlyRunView view = run(APRIL);
        assertThat(view.run().status()).isEqualTo(RunStatus.BLOCKED_BUDGET);
        assertThat(view.run().shortfall()).isEqualTo(1);
        assertThat(lines(APRIL)).isEmpty();
        assertThat(charged2025()).isZero();
        assertThat(view.budget().remaining()).isEqualTo(83_999);

        // Once the allocation is raised the same month runs.
        setUp(10, 84_000, FULL);
        assertThat(run(APRIL).run().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(lines(APRIL)).hasSize(5);
    }

    @Test
    void budgetGuard_countsWhatEarlierMonthsCharged_R22() {
        setUp(10, 2 * 5 * 16_800 - 1, FULL);
        enrol(1, 5, LocalDate.of(2025, 1, 1));
        assertThat(run(APRIL).run().status()).isEqualTo(RunStatus.COMPLETED);
        MonthlyRunView may = run(MAY);
        assertThat(may.run().status()).isEqualTo(RunStatus.BLOCKED_BUDGET);
        assertThat(may.run().shortfall()).isEqualTo(1);
    }

    @Test
    void dryRun_computesAndReports_butWritesNothing() {
        setUp(10, 1_199_923_200L, FULL);
        enrol(1, 5, LocalDate.of(2025, 1, 1));
        MonthlyRunView dry = services.runMonth.run(programmeId, YearMonth.of(2025, 9), true, 1, STAFF);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.run().participants()).isEqualTo(5);
        assertThat(dry.run().total()).isEqualTo(84_000);
        assertThat(services.ledgerStore.findPart(programmeId, YearMonth.of(2025, 9), 1)).isEmpty();
        assertThat(charged2025()).isZero();
    }

    @Test
    void dryRunOfAMonthInProgress_showsTheRunItself_insteadOfCountingItsReservationTwice_R22() {
        setUp(10, 5 * 16_800, FULL);
        enrol(1, 5, LocalDate.of(2025, 1, 1));
        services.segmentQueue.hold();
        run(APRIL);
        MonthlyRunView dry = services.runMonth.run(programmeId, APRIL, true, 1, STAFF);
        assertThat(dry.run().status()).isEqualTo(RunStatus.IN_PROGRESS);
        assertThat(dry.run().shortfall()).isZero();
        assertThat(charged2025()).isEqualTo(84_000);
    }

    @Test
    void moreSegmentsThanShards_isRefused() {
        setUp(10, 1_199_923_200L, FULL);
        assertThatThrownBy(() -> services.runMonth.run(programmeId, APRIL, false, RunMonth.MAX_SEGMENTS + 1, STAFF))
                .isInstanceOfSatisfying(Refusal.Invalid.class, e -> assertThat(e.errors()).extracting(Refusal.FieldError::field)
                        .containsExactly("segments"));
    }

    @Test
    void paymentDatedBeforeTheBilledMonth_isRefused_R05() {
        setUp(10, 1_199_923_200L, FULL);
        enrol(1, 2, LocalDate.of(2025, 1, 1));
        run(APRIL);
        assertThatThrownBy(() -> services.payments.pay(programmeId, APRIL, LocalDate.of(2020, 4, 10), "SP2D", STAFF))
                .isInstanceOfSatisfying(Refusal.RuleViolation.class, e -> assertThat(e.code()).isEqualTo("PAID_ON_BEFORE_MONTH"));
        assertThat(services.payments.pay(programmeId, APRIL, LocalDate.of(2025, 4, 1), "SP2D", STAFF).run().paid()).isTrue();
    }

    @Test
    void allocationBelowWhatTheYearAlreadyCharged_isRefused_andKeepsTheOldSettings_R22() {
        setUp(10, 1_199_923_200L, FULL);
        enrol(1, 5, LocalDate.of(2025, 1, 1));
        run(APRIL);
        assertThatThrownBy(() -> setUp(10, 83_999, FULL))
                .isInstanceOfSatisfying(Refusal.RuleViolation.class, e -> assertThat(e.code()).isEqualTo("ALLOCATION_BELOW_CHARGED"));
        assertThat(services.settings.current(programmeId).programme().budgetFor(2025).orElseThrow().allocation())
                .isEqualTo(1_199_923_200L);
        setUp(10, 84_000, FULL); // exactly what was charged is allowed
    }

    @Test
    void aMonthNotStartedYet_canOnlyBeADryRun() {
        setUp(10, 1_199_923_200L, FULL);
        assertThatThrownBy(() -> run(YearMonth.of(2025, 8)))
                .isInstanceOfSatisfying(Refusal.RuleViolation.class, e -> assertThat(e.code()).isEqualTo("MONTH_NOT_STARTED"));
    }

    @Test
    void aMonthWithoutARateInForce_isRefused_R04() {
        setUp(10, 1_199_923_200L, new ContributionRate(YearMonth.of(2025, 6), 1_000_000, 10_000, 6_800));
        assertThatThrownBy(() -> run(APRIL))
                .isInstanceOfSatisfying(Refusal.RuleViolation.class, e -> assertThat(e.code()).isEqualTo("NO_RATE_FOR_MONTH"));
    }

    @Test
    void bill_hasOneLinePerParticipant_orderedByNik_summingToTheRunTotal_R21() {
        setUp(100, 1_199_923_200L, FULL);
        enrol(1, 30, LocalDate.of(2025, 1, 1));
        MonthlyRun april = run(APRIL).run();
        List<ContributionLine> bill = services.bill.lines(programmeId, APRIL);
        assertThat(bill).hasSize(30);
        assertThat(bill).extracting(l -> l.nik().value()).isSorted();
        assertThat(bill.stream().mapToLong(ContributionLine::total).sum()).isEqualTo(april.total());
        assertThat(bill.stream().mapToLong(ContributionLine::jkk).sum()).isEqualTo(april.jkkTotal());
        assertThat(bill).allSatisfy(l -> assertThat(l.kpj()).isNull());
    }

    @Test
    void billFiles_writtenBySixteenSegments_giveTheBillBuiltFromTheTable_byteForByte_partsInOrder_nikOrderWithin_R21() {
        setUp(200, 1_199_923_200L, FULL);
        enrol(1, 60, LocalDate.of(2025, 1, 1));
        MonthlyRun april = services.runMonth.run(programmeId, APRIL, false, 16, STAFF).run();
        enrol(61, 70, LocalDate.of(2025, 4, 1)); // dated back into April: part 2
        MonthlyRun part2 = services.runMonth.run(programmeId, APRIL, false, 3, STAFF).run();
        assertThat(part2.part()).isEqualTo(2);

        assertThat(services.bill.partsInFiles(programmeId, APRIL)).contains(List.of(1, 2));
        List<String> slices = services.billFiles.keys("bills/" + programmeId + "/2025-04/").stream()
                .filter(k -> k.contains("/shard-")).toList();
        assertThat(slices).hasSizeGreaterThan(2) // one slice per shard page that charged anyone
                .allMatch(k -> k.matches("bills/" + programmeId + "/2025-04/part-0[12]/shard-\\d{2}/page-\\d{6}\\.csv"));
        assertThat(services.billFiles.keys("bills/" + programmeId + "/2025-04/").stream().filter(k -> k.endsWith("manifest.json")))
                .hasSize(2);

        MonthlyBill.Bill fromTable = services.bill.bill(programmeId, APRIL);
        StringWriter fromFiles = new StringWriter();
        fromFiles.write(BillCsv.header());
        try {
            services.billFiles.writeRows(programmeId, APRIL, List.of(1, 2), fromFiles);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(fromFiles.toString()).isEqualTo(BillCsv.bill(fromTable.wadahCode(), fromTable.lines()));
        assertThat(services.billFiles.objects().get("bills/" + programmeId + "/2025-04/tagihan-2025-04.csv"))
                .as("the month's file, written when part 2 completed").isEqualTo(fromFiles.toString());
        assertThat(fromFiles.toString().lines()).hasSize(1 + 70).first().isEqualTo(String.join(",", BillCsv.COLUMNS));
        assertThat(april.participants() + part2.participants()).isEqualTo(70);
    }

    @Test
    void billFiles_ofAPartWhoseRecordIsMissing_leaveTheBillToTheTable_R21() {
        setUp(100, 1_199_923_200L, FULL);
        enrol(1, 5, LocalDate.of(2025, 1, 1));
        MonthlyBill noFiles = new MonthlyBill(services.ledgerStore, services.programmes); // a run made before the files existed
        run(APRIL);
        assertThat(services.bill.partsInFiles(programmeId, APRIL)).contains(List.of(1));
        assertThat(noFiles.partsInFiles(programmeId, APRIL)).isEmpty();
        assertThat(noFiles.lines(programmeId, APRIL)).hasSize(5);
    }

    @Test
    void bill_builtFromTheTable_overTheLineLimit_isTooLarge_insteadOfAnAnswerLambdaCannotCarry_R21() {
        setUp(100, 1_199_923_200L, FULL);
        enrol(1, 5, LocalDate.of(2025, 1, 1));
        run(APRIL);
        assertThat(services.bill.bill(programmeId, APRIL, 5).lines()).hasSize(5);
        assertThatThrownBy(() -> services.bill.bill(programmeId, APRIL, 4))
                .isInstanceOfSatisfying(Refusal.Conflict.class, e -> assertThat(e.code()).isEqualTo("BILL_TOO_LARGE"));
    }

    @Test
    void bill_shortOfLines_whileTheIndexCatchesUp_isNotReady_insteadOfShort_R21() {
        setUp(100, 1_199_923_200L, FULL);
        enrol(1, 10, LocalDate.of(2025, 1, 1));
        run(APRIL);
        MonthlyBill lagging = new MonthlyBill(new CrashingLedger(services.ledgerStore, Integer.MAX_VALUE, 1), services.programmes);
        assertThatThrownBy(() -> lagging.lines(programmeId, APRIL))
                .isInstanceOfSatisfying(Refusal.Conflict.class, e -> assertThat(e.code()).isEqualTo("BILL_NOT_READY"));
        assertThat(services.bill.lines(programmeId, APRIL)).hasSize(10);
    }

    @Test
    void bill_ofABlockedRun_isRunNotCompleted_andOfNoRun_isRunNotFound() {
        setUp(10, 1, FULL);
        enrol(1, 2, LocalDate.of(2025, 1, 1));
        run(APRIL);
        assertThatThrownBy(() -> services.bill.lines(programmeId, APRIL))
                .isInstanceOfSatisfying(Refusal.Conflict.class, e -> assertThat(e.code()).isEqualTo("RUN_NOT_COMPLETED"));
        assertThatThrownBy(() -> services.bill.lines(programmeId, MAY))
                .isInstanceOfSatisfying(Refusal.NotFound.class, e -> assertThat(e.code()).isEqualTo("RUN_NOT_FOUND"));
    }

    @Test
    void payment_isRecordedOnce_movesTheTotalFromCommittedToSpent_R21_R22() {
        setUp(10, 1_199_923_200L, FULL);
        enrol(1, 5, LocalDate.of(2025, 1, 1));
        run(APRIL);
        MonthlyRunView paid = services.payments.pay(programmeId, APRIL, LocalDate.of(2025, 4, 10), "SP2D-0001", STAFF);
        assertThat(paid.run().payment().reference()).isEqualTo("SP2D-0001");
        assertThat(paid.budget().spent()).isEqualTo(84_000);
        assertThat(paid.budget().committed()).isZero();
        assertThat(paid.budget().remaining()).isEqualTo(1_199_923_200L - 84_000);

        assertThatThrownBy(() -> services.payments.pay(programmeId, APRIL, LocalDate.of(2025, 4, 11), "SP2D-0002", STAFF))
                .isInstanceOfSatisfying(Refusal.Conflict.class, e -> assertThat(e.code()).isEqualTo("ALREADY_PAID"));
        assertThatThrownBy(() -> services.payments.pay(programmeId, MAY, LocalDate.of(2025, 5, 10), "SP2D-0003", STAFF))
                .isInstanceOfSatisfying(Refusal.NotFound.class, e -> assertThat(e.code()).isEqualTo("RUN_NOT_FOUND"));
        assertThatThrownBy(() -> services.payments.pay(programmeId, APRIL, LocalDate.of(2025, 8, 1), "x", STAFF))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.code()).isIn("ALREADY_PAID", "PAID_ON_IN_FUTURE"));
        assertThat(services.ledgerStore.budgetUse(programmeId).get(2025)).isEqualTo(new LedgerStore.BudgetUse(84_000, 84_000));
    }

    @Test
    void paymentsRecordedAtOnce_countOnce_R23() throws Exception {
        setUp(10, 1_199_923_200L, FULL);
        enrol(1, 5, LocalDate.of(2025, 1, 1));
        run(APRIL);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String reference = "SP2D-" + i;
            attempts.add(pool.submit(() -> {
                start.await();
                try {
                    services.payments.pay(programmeId, APRIL, LocalDate.of(2025, 4, 10), reference, STAFF);
                    return true;
                } catch (Refusal.Conflict alreadyPaid) {
                    return false;
                }
            }));
        }
        start.countDown();
        int recorded = 0;
        for (Future<Boolean> a : attempts) {
            recorded += a.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(recorded).isEqualTo(1);
        assertThat(services.ledgerStore.budgetUse(programmeId).get(2025).spent()).isEqualTo(84_000);
    }

    @Test
    void unpaidBills_warnAfterTheirDueDate_andThreeInARow_putMembershipsAtRisk_R05_R06() {
        setUp(10, 1_199_923_200L, FULL);
        enrol(1, 2, LocalDate.of(2025, 1, 1));
        run(APRIL);
        run(MAY);
        List<Arrears.Warning> two = services.ledger.arrears(services.settings.current(programmeId).programme());
        assertThat(two).extracting(Arrears.Warning::level).containsOnly(Arrears.Level.OVERDUE);
        assertThat(two).extracting(Arrears.Warning::month).containsExactly(APRIL, MAY);
        assertThat(two.get(0).amount()).isEqualTo(2 * 16_800);
        assertThat(two.get(0).daysOverdue()).isEqualTo(96); // 15 April to 20 July

        run(JUNE);
        assertThat(services.ledger.arrears(services.settings.current(programmeId).programme())).extracting(Arrears.Warning::level)
                .containsOnly(Arrears.Level.MEMBERSHIP_AT_RISK).hasSize(3);

        services.payments.pay(programmeId, MAY, LocalDate.of(2025, 7, 1), "SP2D-MAY", STAFF);
        assertThat(services.ledger.arrears(services.settings.current(programmeId).programme())).extracting(Arrears.Warning::level).containsOnly(Arrears.Level.OVERDUE);
    }

    @Test
    void consecutivePaidMonths_ofARegistration_countPaidChargedMonths_R21() {
        setUp(10, 1_199_923_200L, FULL);
        String id = enrol(1, 1, LocalDate.of(2025, 1, 1)).get(0);
        run(APRIL);
        run(MAY);
        run(JUNE);
        services.payments.pay(programmeId, APRIL, LocalDate.of(2025, 4, 10), "A", STAFF);
        services.payments.pay(programmeId, MAY, LocalDate.of(2025, 5, 10), "M", STAFF);
        assertThat(services.find.get(id).consecutivePaidMonths()).isEqualTo(2);
        services.payments.pay(programmeId, JUNE, LocalDate.of(2025, 6, 10), "J", STAFF);
        assertThat(services.find.get(id).consecutivePaidMonths()).isEqualTo(3);
    }

    @Test
    void budgetYears_showAllocationChargedCommittedSpentAndRemaining_R22() {
        setUp(10, 1_199_923_200L, FULL);
        enrol(1, 5, LocalDate.of(2025, 1, 1));
        run(APRIL);
        run(MAY);
        services.payments.pay(programmeId, APRIL, LocalDate.of(2025, 4, 10), "A", STAFF);
        ProgrammeSettings.Status status = services.settings.status(programmeId);
        assertThat(status.budgets()).singleElement().satisfies(b -> {
            assertThat(b.year()).isEqualTo(2025);
            assertThat(b.allocation()).isEqualTo(1_199_923_200L);
            assertThat(b.spent()).isEqualTo(84_000);
            assertThat(b.committed()).isEqualTo(84_000);
            assertThat(b.remaining()).isEqualTo(1_199_923_200L - 168_000);
        });
    }

    /**
     * A ledger whose line writes fail after {@code allowed} pages (an invocation dying half-way), and
     * whose bill index lags {@code missingLines} lines behind (an eventually consistent read).
     */
    private static final class CrashingLedger implements LedgerStore {
        private final LedgerStore delegate;
        private final AtomicInteger allowed;
        private final int missingLines;

        CrashingLedger(LedgerStore delegate, int allowed) {
            this(delegate, allowed, 0);
        }

        CrashingLedger(LedgerStore delegate, int allowed, int missingLines) {
            this.delegate = delegate;
            this.allowed = new AtomicInteger(allowed);
            this.missingLines = missingLines;
        }

        @Override
        public void writeLines(String programmeId, Collection<ContributionLine> lines) {
            if (!lines.isEmpty() && allowed.getAndDecrement() <= 0) {
                throw new IllegalStateException("simulated crash before this page was written");
            }
            delegate.writeLines(programmeId, lines);
        }

        @Override
        public Optional<MonthlyRun> findPart(String programmeId, YearMonth month, int part) {
            return delegate.findPart(programmeId, month, part);
        }

        @Override
        public List<MonthlyRun> parts(String programmeId, YearMonth month) {
            return delegate.parts(programmeId, month);
        }

        @Override
        public List<MonthlyRun> partsOfYear(String programmeId, int year) {
            return delegate.partsOfYear(programmeId, year);
        }

        @Override
        public List<MonthlyRun> runs(String programmeId) {
            return delegate.runs(programmeId);
        }

        @Override
        public Map<Integer, BudgetUse> budgetUse(String programmeId) {
            return delegate.budgetUse(programmeId);
        }

        @Override
        public StartResult start(MonthlyRun run, long allocation) {
            return delegate.start(run, allocation);
        }

        @Override
        public void recordBlocked(MonthlyRun blocked) {
            delegate.recordBlocked(blocked);
        }

        @Override
        public ShardProgress progress(String programmeId, YearMonth month, int part, int shard) {
            return delegate.progress(programmeId, month, part, shard);
        }

        @Override
        public boolean lease(String programmeId, YearMonth month, int part, int shard, String owner, Instant until, Instant now) {
            return delegate.lease(programmeId, month, part, shard, owner, until, now);
        }

        @Override
        public void releaseLease(String programmeId, YearMonth month, int part, int shard, String owner) {
            delegate.releaseLease(programmeId, month, part, shard, owner);
        }

        @Override
        public boolean checkpoint(String programmeId, YearMonth month, int part, ShardProgress expected, String next, long charged) {
            return delegate.checkpoint(programmeId, month, part, expected, next, charged);
        }

        @Override
        public Map<Nik, Integer> linedParts(String programmeId, YearMonth month, Collection<Nik> people) {
            return delegate.linedParts(programmeId, month, people);
        }

        @Override
        public Optional<MonthlyRun> complete(String programmeId, YearMonth month, int part, OffsetDateTime at) {
            return delegate.complete(programmeId, month, part, at);
        }

        @Override
        public PaymentResult recordPayment(String programmeId, YearMonth month, Payment payment) {
            return delegate.recordPayment(programmeId, month, payment);
        }

        @Override
        public List<ContributionLine> lines(String programmeId, YearMonth month) {
            List<ContributionLine> all = delegate.lines(programmeId, month);
            return all.subList(Math.min(missingLines, all.size()), all.size());
        }

        @Override
        public Map<YearMonth, Integer> linesOf(String programmeId, Nik nik) {
            return delegate.linesOf(programmeId, nik);
        }
    }
}
