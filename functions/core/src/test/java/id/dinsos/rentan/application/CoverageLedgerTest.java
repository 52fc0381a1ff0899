package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.BudgetAllocation;
import id.dinsos.rentan.domain.ClaimCheck;
import id.dinsos.rentan.domain.ClaimReason;
import id.dinsos.rentan.domain.ClaimRequest;
import id.dinsos.rentan.domain.ClaimRules;
import id.dinsos.rentan.domain.ClaimType;
import id.dinsos.rentan.domain.AccidentOutcome;
import id.dinsos.rentan.domain.ContributionDue;
import id.dinsos.rentan.domain.ContributionLine;
import id.dinsos.rentan.domain.ContributionRate;
import id.dinsos.rentan.domain.EndReason;
import id.dinsos.rentan.domain.WorkingDays;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationSource;
import id.dinsos.rentan.domain.RunStatus;
import id.dinsos.rentan.dynamodb.DynamoDbClaimCheckStore;
import id.dinsos.rentan.testsupport.Fixtures;
import id.dinsos.rentan.testsupport.Services;
import id.dinsos.rentan.testsupport.TickingClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One coverage timeline per person, on DynamoDB Local: who is billed, once per month, and what a claim
 * finds covered on its date. Each step runs on its own day,
 * as it would in the programme: the services are wired with a clock standing on that day.
 */
class CoverageLedgerTest extends ApplicationTestBase {
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final ContributionRate FULL = new ContributionRate(YearMonth.of(2025, 1), 1_000_000, 10_000, 6_800);
    private static final YearMonth APRIL = YearMonth.of(2025, 4);
    private static final YearMonth MAY = YearMonth.of(2025, 5);
    private static final YearMonth JUNE = YearMonth.of(2025, 6);
    private static final YearMonth JULY = YearMonth.of(2025, 7);
    private final id.dinsos.rentan.testsupport.RecordingMetrics metrics = new id.dinsos.rentan.testsupport.RecordingMetrics();

    /** The use cases with the programme clock standing on {@code date} (09:00 WIB, ticking a millisecond a reading). */
    private Services on(String date) {
        return new Services(client, table, clockOn(date), metrics);
    }

    private static Clock clockOn(String date) {
        return TickingClock.startingAt(LocalDate.parse(date).atTime(LocalTime.of(9, 0)).atZone(JAKARTA).toInstant(),
                Duration.ofMillis(1), JAKARTA);
    }

    private void setUp(long allocation) {
        setUp(100, allocation);
    }

    private void setUp(int quota, long allocation) {
        Programme base = Fixtures.programme(programmeId, quota);
        on("2025-01-02").settings.save(new Programme(programmeId, base.name(), quota, base.kecamatan(), base.eligibleOccupations(),
                base.dtsenMaxDecile(), base.minAge(), base.maxAge(), 1, List.of(FULL),
                List.of(new BudgetAllocation(2025, allocation)), List.of(), Programme.DEFAULT_WADAH_CODE), STAFF);
    }

    private List<String> enrol(Services s, int from, int to, LocalDate start) {
        List<DecreeRow> rows = new ArrayList<>();
        for (int seq = from; seq <= to; seq++) {
            rows.add(new DecreeRow(seq + 1, Fixtures.nik(seq).value(), Fixtures.applicant(seq), start, List.of()));
        }
        ImportDecreeList.Result result = s.importList.run(programmeId, rows, STAFF);
        assertThat(result.accepted()).as(result.toString()).isEqualTo(rows.size());
        return result.rows().stream().map(ImportDecreeList.RowResult::registrationId).toList();
    }

    private MonthlyRunView run(String date, YearMonth month) {
        return on(date).runMonth.run(programmeId, month, false, 1, STAFF);
    }

    private ClaimCheck check(String today, Nik nik, ClaimType type, String eventDate) {
        Services s = on(today);
        CheckClaim claims = new CheckClaim(s.programmes, s.registrations, s.ledger, new DynamoDbClaimCheckStore(client, table),
                ClaimRules.TABLE, clockOn(today), metrics);
        AccidentOutcome outcome = type == ClaimType.JKK ? AccidentOutcome.DEATH : null;
        return claims.check(programmeId, null, nik, new ClaimRequest(type, LocalDate.parse(eventDate), null, outcome, null, null, null), STAFF);
    }

    private List<ContributionLine> lines(YearMonth month) {
        return services.ledgerStore.lines(programmeId, month);
    }

    @Test
    void endedBeforeCoverageBegan_wasNeverCovered_soNoRunBillsIt_andNoClaimFindsItCovered_R20_R21_R38() {
        setUp(1_199_923_200L);
        Services march10 = on("2025-03-10");
        Registration applied = march10.register.submit(programmeId, Fixtures.applicant(1), RegistrationSource.PORTAL, STAFF);
        assertThat(march10.decide.approve(applied.id(), STAFF).registration().coverageStart()).isEqualTo(LocalDate.of(2025, 4, 1));
        EndRegistration.Outcome ended = march10.end.end(applied.id(), EndReason.DIED, LocalDate.of(2025, 3, 10), STAFF);
        Registration r = ended.ended().registration();
        assertThat(r.coverageStart()).isNull();
        assertThat(r.coverageEnd()).isNull();
        assertThat(r.neverCovered()).isTrue();

        assertThat(run("2025-04-01", APRIL).run().participants()).isZero();
        assertThat(run("2025-05-01", MAY).run().participants()).isZero();
        assertThat(lines(APRIL)).isEmpty();
        ClaimCheck jkm = check("2025-05-03", Fixtures.nik(1), ClaimType.JKM, "2025-05-02");
        assertThat(jkm.assessment().eligible()).isFalse();
        assertThat(jkm.assessment().reasons()).containsExactly(ClaimReason.NOT_COVERED_ON_EVENT_DATE);
    }

    @Test
    void anEndBeforeTheRegistrationWasSubmitted_isRefused_andChangesNothing_R20() {
        setUp(1_199_923_200L);
        Services march10 = on("2025-03-10");
        Registration applied = march10.register.submit(programmeId, Fixtures.applicant(1), RegistrationSource.PORTAL, STAFF);
        march10.decide.approve(applied.id(), STAFF);
        assertThatThrownBy(() -> march10.end.end(applied.id(), EndReason.DIED, LocalDate.of(2025, 3, 9), STAFF))
                .isInstanceOfSatisfying(Refusal.RuleViolation.class, v -> assertThat(v.code()).isEqualTo("EFFECTIVE_DATE_BEFORE_SUBMISSION"));
        assertThat(stored(applied.id()).status()).isEqualTo(id.dinsos.rentan.domain.RegistrationStatus.ACTIVE);
        // On the day it was submitted is the earliest end.
        assertThat(march10.end.end(applied.id(), EndReason.DIED, LocalDate.of(2025, 3, 10), STAFF).ended().registration().neverCovered())
                .isTrue();
    }

    @Test
    void aDecreeDatingCoverageBack_mayEndWithinThatCoverage_beforeTheSubmission_R17_R20() {
        setUp(1_199_923_200L);
        String id = enrol(on("2025-03-10"), 1, 1, LocalDate.of(2025, 1, 1)).get(0);
        Registration ended = on("2025-03-10").end.end(id, EndReason.DIED, LocalDate.of(2025, 2, 14), STAFF).ended().registration();
        assertThat(ended.coverageEnd()).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThatThrownBy(() -> on("2025-03-10").end.end(enrol(on("2025-03-10"), 2, 2, LocalDate.of(2025, 1, 1)).get(0),
                EndReason.DIED, LocalDate.of(2024, 12, 31), STAFF)).isInstanceOf(Refusal.RuleViolation.class);
    }

    @Test
    void onePerson_hasOneLinePerMonth_however_manyRegistrations_andOneStreak_R16_R21_R31() {
        setUp(1_199_923_200L);
        String first = enrol(on("2025-03-10"), 1, 1, LocalDate.of(2025, 4, 1)).get(0);
        run("2025-04-01", APRIL);
        on("2025-04-20").end.end(first, EndReason.WITHDREW, LocalDate.of(2025, 4, 20), STAFF); // covered to 30 April
        // The same person comes back on a decree dated back to April: coverage may not overlap the first registration's.
        String second = enrol(on("2025-04-25"), 1, 1, LocalDate.of(2025, 4, 1)).get(0);
        assertThat(stored(second).coverageStart()).isEqualTo(LocalDate.of(2025, 5, 1));
        assertThat(run("2025-04-26", APRIL).parts()).as("nothing lacks a line in April").hasSize(1);
        run("2025-05-01", MAY);
        run("2025-06-01", JUNE);
        for (YearMonth m : List.of(APRIL, MAY, JUNE)) {
            assertThat(lines(m)).as("one line for " + m).singleElement()
                    .satisfies(l -> assertThat(l.nik()).isEqualTo(Fixtures.nik(1)));
        }
        assertThat(lines(APRIL).get(0).registrationId()).isEqualTo(first);
        assertThat(lines(MAY).get(0).registrationId()).isEqualTo(second);
        assertThat(services.ledgerStore.linesOf(programmeId, Fixtures.nik(1))).containsOnlyKeys(APRIL, MAY, JUNE);

        on("2025-04-10").payments.pay(programmeId, APRIL, LocalDate.of(2025, 4, 10), "A", STAFF);
        on("2025-05-10").payments.pay(programmeId, MAY, LocalDate.of(2025, 5, 10), "M", STAFF);
        on("2025-06-10").payments.pay(programmeId, JUNE, LocalDate.of(2025, 6, 10), "J", STAFF);
        // R-31 counts the person's months: April under the first registration, May and June under the second.
        assertThat(on("2025-06-20").find.get(second).consecutivePaidMonths()).isEqualTo(3);
        assertThat(run("2025-07-01", JULY).run().participants()).isEqualTo(1);
        ClaimCheck jkm = check("2025-07-05", Fixtures.nik(1), ClaimType.JKM, "2025-07-03");
        assertThat(jkm.assessment().consecutivePaidMonths()).isEqualTo(3);
        assertThat(jkm.assessment().total()).isEqualTo(42_000_000);
    }

    @Test
    void aPaymentRecordedAfterAnAccident_doesNotCoverIt_R05_R21_R38() {
        setUp(1_199_923_200L);
        enrol(on("2025-03-10"), 1, 1, LocalDate.of(2025, 4, 1));
        for (YearMonth m : List.of(APRIL, MAY, JUNE, JULY)) {
            run(m.atDay(1).toString(), m);
        }
        for (YearMonth m : List.of(APRIL, MAY, JUNE)) {
            on(m.atDay(10).toString()).payments.pay(programmeId, m, m.atDay(10), "SP2D-" + m, STAFF);
        }
        // July is overdue on the 16th; the accident on the 20th happened in an unpaid, overdue month.
        ClaimCheck before = check("2025-07-25", Fixtures.nik(1), ClaimType.JKK, "2025-07-20");
        assertThat(before.assessment().reasons()).containsExactly(ClaimReason.MONTH_NOT_PAID);
        on("2025-07-28").payments.pay(programmeId, JULY, LocalDate.of(2025, 7, 28), "SP2D-LATE", STAFF);
        metrics.clear();
        ClaimCheck after = check("2025-07-29", Fixtures.nik(1), ClaimType.JKK, "2025-07-20");
        assertThat(metrics.counted()).containsExactly("ClaimChecks=1 {Programme=" + programmeId + ", Outcome=NOT_ELIGIBLE}");
        metrics.clear();
        assertThat(after.assessment().eligible()).as("a payment after the event does not cover it").isFalse();
        assertThat(after.assessment().reasons()).containsExactly(ClaimReason.MONTH_NOT_PAID);
        // An accident on the due date itself was covered, pending payment.
        ClaimCheck onDue = check("2025-07-29", Fixtures.nik(1), ClaimType.JKK, ContributionDue.dueDate(JULY, WorkingDays.NONE).toString());
        assertThat(onDue.assessment().eligible()).isTrue();
        assertThat(metrics.counted()).containsExactly("ClaimChecks=1 {Programme=" + programmeId + ", Outcome=ELIGIBLE}");
        assertThat(onDue.assessment().reasons()).contains(ClaimReason.PAYMENT_PENDING);
        assertThat(onDue.assessment().total()).isEqualTo(70_000_000);
        // After the payment, an accident on the day it was paid is covered.
        assertThat(check("2025-07-29", Fixtures.nik(1), ClaimType.JKK, "2025-07-28").assessment().eligible()).isTrue();
    }

    @Test
    void runningAMonthAgain_chargesTheCoverageDatedBackSince_asASupplementaryPart_R21_R22_R23() {
        setUp(1_199_923_200L);
        enrol(on("2025-03-10"), 1, 3, LocalDate.of(2025, 4, 1));
        run("2025-04-01", APRIL);
        on("2025-04-10").payments.pay(programmeId, APRIL, LocalDate.of(2025, 4, 10), "SP2D-04", STAFF);
        // In August a decree dates two more people back to April.
        metrics.clear();
        enrol(on("2025-08-04"), 4, 5, LocalDate.of(2025, 4, 1));
        assertThat(metrics.counted()).containsExactly("Registrations=1 {Programme=" + programmeId + ", Outcome=ACTIVE}",
                "Registrations=1 {Programme=" + programmeId + ", Outcome=ACTIVE}");
        metrics.clear();
        MonthlyRunView supplementary = run("2025-08-05", APRIL);
        MonthlyRun part2 = supplementary.run();
        assertThat(part2.part()).isEqualTo(2);
        assertThat(metrics.counted()).as("the part completes once: counted once, with the lines it charged").containsExactly(
                "RunCompleted=1 {Programme=" + programmeId + "}",
                "LinesCharged=2 {Programme=" + programmeId + "}",
                "SupplementaryParts=1 {Programme=" + programmeId + "}");
        assertThat(part2.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(part2.participants()).isEqualTo(2);
        assertThat(part2.total()).isEqualTo(2 * 16_800);
        assertThat(part2.dueDate()).as("raised 5 August: due on the 15th").isEqualTo(LocalDate.of(2025, 8, 15));
        assertThat(supplementary.parts()).extracting(MonthlyRun::part, MonthlyRun::participants)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 3L), org.assertj.core.groups.Tuple.tuple(2, 2L));
        assertThat(lines(APRIL)).hasSize(5).extracting(ContributionLine::part).containsExactlyInAnyOrder(1, 1, 1, 2, 2);
        assertThat(on("2025-08-05").bill.bill(programmeId, APRIL).lines()).extracting(ContributionLine::part).containsExactly(1, 1, 1, 2, 2);

        // running April again finds nothing lacking and charges nothing.
        metrics.clear();
        assertThat(run("2025-08-06", APRIL).parts()).hasSize(2);
        assertThat(metrics.counted()).as("nothing completes again").isEmpty();
        assertThat(services.ledgerStore.budgetUse(programmeId).get(2025).charged()).isEqualTo(5 * 16_800);
        // The payment pays what is unpaid: part 2 only.
        metrics.clear();
        MonthlyRunView paid = on("2025-08-07").payments.pay(programmeId, APRIL, LocalDate.of(2025, 8, 7), "SP2D-04-2", STAFF);
        assertThat(metrics.counted()).containsExactly("PaymentsRecorded=1 {Programme=" + programmeId + "}");
        assertThat(paid.parts()).allSatisfy(p -> assertThat(p.paid()).isTrue());
        assertThat(paid.parts().get(0).payment().reference()).isEqualTo("SP2D-04");
        assertThat(services.ledgerStore.budgetUse(programmeId).get(2025).spent()).isEqualTo(5 * 16_800);
        assertThatThrownBy(() -> on("2025-08-08").payments.pay(programmeId, APRIL, LocalDate.of(2025, 8, 8), "again", STAFF))
                .isInstanceOfSatisfying(Refusal.Conflict.class, c -> assertThat(c.code()).isEqualTo("ALREADY_PAID"));
    }

    @Test
    void aSupplementaryPart_isGuardedByTheBudget_wholeOrNothing_R22() {
        setUp(3 * 16_800 + 16_799); // room for April's three and not quite one more
        enrol(on("2025-03-10"), 1, 3, LocalDate.of(2025, 4, 1));
        run("2025-04-01", APRIL);
        enrol(on("2025-08-04"), 4, 5, LocalDate.of(2025, 4, 1));
        metrics.clear();
        MonthlyRun blocked = run("2025-08-05", APRIL).run();
        assertThat(blocked.part()).isEqualTo(2);
        assertThat(metrics.counted()).containsExactly("RunBlockedBudget=1 {Programme=" + programmeId + "}");
        assertThat(blocked.status()).isEqualTo(RunStatus.BLOCKED_BUDGET);
        assertThat(blocked.shortfall()).isEqualTo(2 * 16_800 - 16_799);
        assertThat(lines(APRIL)).hasSize(3);
        assertThat(services.ledgerStore.budgetUse(programmeId).get(2025).charged()).isEqualTo(3 * 16_800);
    }

    @Test
    void theScheduledRun_raisesSupplementaryPartsForEarlierMonthsOfTheYear_R21() {
        setUp(1_199_923_200L);
        enrol(on("2025-03-10"), 1, 2, LocalDate.of(2025, 4, 1));
        run("2025-04-01", APRIL);
        run("2025-05-01", MAY);
        enrol(on("2025-05-20"), 3, 3, LocalDate.of(2025, 4, 1));
        MonthlyRunView june = on("2025-06-01").runMonth.scheduled(programmeId, JUNE, 1, STAFF);
        assertThat(june.run().participants()).isEqualTo(3);
        assertThat(services.ledgerStore.parts(programmeId, APRIL)).extracting(MonthlyRun::part, MonthlyRun::participants)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2L), org.assertj.core.groups.Tuple.tuple(2, 1L));
        assertThat(services.ledgerStore.parts(programmeId, MAY)).hasSize(2);
        assertThat(services.ledgerStore.linesOf(programmeId, Fixtures.nik(3))).containsOnlyKeys(APRIL, MAY, JUNE);
    }

    @Test
    void fourMonthsInArrears_endTheMembership_stopTheBilling_andStaffReEnrolEveryoneWithOneCall_R06_R17_R31() {
        setUp(3, 1_199_923_200L);
        List<String> ids = enrol(on("2025-03-10"), 1, 2, LocalDate.of(2025, 4, 1));
        enrol(on("2025-05-20"), 3, 3, LocalDate.of(2025, 6, 1)); // two months in arrears only: not lapsed
        for (YearMonth m : List.of(APRIL, MAY, JUNE, JULY)) {
            run(m.atDay(1).toString(), m); // and the city pays none of them
        }
        assertThat(stored(ids.get(0)).status()).as("three months past due, the fourth not yet").isEqualTo(
                id.dinsos.rentan.domain.RegistrationStatus.ACTIVE);
        ClaimCheck beforeLapse = check("2025-07-16", Fixtures.nik(1), ClaimType.JKM, "2025-07-15");
        assertThat(beforeLapse.assessment().reasons()).doesNotContain(ClaimReason.MEMBERSHIP_LAPSED);

        // 1 August: July's due date (15 July) has passed unpaid, the fourth month in a row.
        MonthlyRunView august = run("2025-08-01", YearMonth.of(2025, 8));
        assertThat(august.run().participants()).as("only the third person is billed").isEqualTo(1);
        Registration lapsed = stored(ids.get(0));
        assertThat(lapsed.status()).isEqualTo(id.dinsos.rentan.domain.RegistrationStatus.ENDED);
        assertThat(lapsed.endReason()).isEqualTo(EndReason.ARREARS);
        assertThat(lapsed.endEffectiveDate()).isEqualTo(ContributionDue.dueDate(JULY, WorkingDays.NONE).plusDays(1));
        assertThat(lapsed.coverageEnd()).isEqualTo(LocalDate.of(2025, 7, 31));
        assertThat(lapsed.awaitingReEnrolment()).isTrue();
        assertThat(services.programmes.find(programmeId).orElseThrow().lapsed()).isEqualTo(2);
        assertThat(services.programmes.find(programmeId).orElseThrow().counts().active()).isEqualTo(1);
        assertThat(check("2025-08-02", Fixtures.nik(1), ClaimType.JKM, "2025-07-20").assessment().reasons())
                .containsExactly(ClaimReason.MEMBERSHIP_LAPSED);
        assertThat(on("2025-08-02").ledger.arrears(services.programmes.find(programmeId).orElseThrow().programme())).extracting(id.dinsos.rentan.domain.Arrears.Warning::level)
                .contains(id.dinsos.rentan.domain.Arrears.Level.MEMBERSHIP_LAPSED);

        // Staff re-enrol everyone who lapsed, with one call; the quota of 3 still holds.
        Services s = on("2025-08-05");
        s.settings.save(withQuota(2), STAFF);
        List<Lapses.ReEnrolment> again = s.lapses.reEnrolAll(programmeId, STAFF);
        assertThat(again).extracting(Lapses.ReEnrolment::outcome)
                .containsExactlyInAnyOrder(Lapses.Outcome.ACTIVE, Lapses.Outcome.WAITLISTED);
        Registration renewed = again.stream().filter(r -> r.outcome() == Lapses.Outcome.ACTIVE).findFirst().orElseThrow().current();
        assertThat(renewed.source()).isEqualTo(RegistrationSource.RE_ENROLMENT);
        assertThat(renewed.coverageStart()).isEqualTo(LocalDate.of(2025, 9, 1));
        assertThat(services.programmes.find(programmeId).orElseThrow().lapsed()).isZero();
        assertThat(services.programmes.find(programmeId).orElseThrow().counts().active()).isEqualTo(2);
        assertThat(s.lapses.reEnrolAll(programmeId, STAFF)).as("nobody twice").isEmpty();

        // A new membership: September is billed, and its waiting period starts again.
        assertThat(run("2025-09-01", YearMonth.of(2025, 9)).run().participants()).isEqualTo(2);
        ClaimCheck jkm = check("2025-09-05", renewed.nik(), ClaimType.JKM, "2025-09-03");
        assertThat(jkm.assessment().eligible()).isTrue();
        assertThat(jkm.assessment().consecutivePaidMonths()).isZero();
        assertThat(jkm.assessment().total()).isEqualTo(10_000_000);
    }

    @Test
    void theScholarship_countsOnlyMonthsPaidBeforeTheMonthOfDeath_R32() {
        Programme base = Fixtures.programme(programmeId, 10);
        on("2022-01-02").settings.save(new Programme(programmeId, base.name(), 10, base.kecamatan(), base.eligibleOccupations(),
                base.dtsenMaxDecile(), base.minAge(), base.maxAge(), 1,
                List.of(new ContributionRate(YearMonth.of(2022, 1), 1_000_000, 10_000, 6_800)),
                List.of(new BudgetAllocation(2022, 1_000_000), new BudgetAllocation(2023, 1_000_000), new BudgetAllocation(2024, 1_000_000),
                        new BudgetAllocation(2025, 1_000_000)), List.of(), Programme.DEFAULT_WADAH_CODE), STAFF);
        Services march = on("2022-03-10");
        Registration applied = march.register.submit(programmeId, Fixtures.applicant(1), RegistrationSource.STAFF, STAFF);
        march.decide.approve(applied.id(), STAFF); // covered from April 2022
        for (YearMonth m = YearMonth.of(2022, 4); !m.isAfter(YearMonth.of(2025, 5)); m = m.plusMonths(1)) {
            run(m.atDay(1).toString(), m);
            on(m.atDay(10).toString()).payments.pay(programmeId, m, m.atDay(10), "SP2D-" + m, STAFF);
        }
        // April 2022 to February 2025 is 35 months: a death in March 2025 is one short, whatever was paid after it.
        ClaimCheck march2025 = check("2025-05-20", Fixtures.nik(1), ClaimType.JKM, "2025-03-20");
        assertThat(march2025.assessment().total()).isEqualTo(42_000_000);
        assertThat(march2025.assessment().scholarship().eligible()).isFalse();
        assertThat(march2025.assessment().reasons()).contains(ClaimReason.SCHOLARSHIP_NOT_YET_ELIGIBLE);
        // April 2022 to March 2025 is 36 months paid before a death in April 2025.
        ClaimCheck april2025 = check("2025-05-20", Fixtures.nik(1), ClaimType.JKM, "2025-04-20");
        assertThat(april2025.assessment().scholarship().eligible()).isTrue();
    }

    /** Runs {@code n} copies of {@code task} on their own threads, released at once; returns each outcome (value or exception). */
    private static <T> List<Object> together(int n, java.util.concurrent.Callable<T> task) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        return task.call();
                    } catch (Exception e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (java.util.concurrent.Future<Object> f : futures) {
                outcomes.add(f.get(2, java.util.concurrent.TimeUnit.MINUTES));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void supplementaryRunsAtOnce_raiseOnePart_andChargeEachLackingLineOnce_R21_R23() throws Exception {
        setUp(1_199_923_200L);
        enrol(on("2025-03-10"), 1, 3, LocalDate.of(2025, 4, 1));
        run("2025-04-01", APRIL);
        enrol(on("2025-08-04"), 4, 23, LocalDate.of(2025, 4, 1));
        Services s = on("2025-08-05");
        List<Object> outcomes = together(8, () -> s.runMonth.run(programmeId, APRIL, false, 2, STAFF));
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(MonthlyRunView.class));
        run("2025-08-06", APRIL); // finishes whatever an overtaken invocation left
        assertThat(services.ledgerStore.parts(programmeId, APRIL)).extracting(MonthlyRun::part, MonthlyRun::status, MonthlyRun::participants)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, RunStatus.COMPLETED, 3L),
                        org.assertj.core.groups.Tuple.tuple(2, RunStatus.COMPLETED, 20L));
        assertThat(lines(APRIL)).hasSize(23).extracting(ContributionLine::nik).doesNotHaveDuplicates();
        assertThat(services.ledgerStore.budgetUse(programmeId).get(2025).charged()).isEqualTo(23 * 16_800);
    }

    @Test
    void paymentsOfAMonthAtOnce_payEachPartOnce_R21_R23() throws Exception {
        setUp(1_199_923_200L);
        enrol(on("2025-03-10"), 1, 3, LocalDate.of(2025, 4, 1));
        run("2025-04-01", APRIL);
        enrol(on("2025-04-04"), 4, 5, LocalDate.of(2025, 4, 1));
        run("2025-04-05", APRIL);
        Services s = on("2025-04-10");
        List<Object> outcomes = together(8, () -> s.payments.pay(programmeId, APRIL, LocalDate.of(2025, 4, 10), "SP2D", STAFF));
        assertThat(outcomes).filteredOn(o -> o instanceof MonthlyRunView).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof MonthlyRunView)).allSatisfy(o ->
                assertThat(o).isInstanceOfSatisfying(Refusal.Conflict.class, c -> assertThat(c.code()).isEqualTo("ALREADY_PAID")));
        assertThat(services.ledgerStore.budgetUse(programmeId).get(2025).spent()).isEqualTo(5 * 16_800);
        assertThat(services.ledgerStore.parts(programmeId, APRIL)).allSatisfy(p -> assertThat(p.paid()).isTrue());
    }

    @Test
    void reEnrolmentsAtOnce_reEnrolEachLapsedPersonOnce_R06_R16() throws Exception {
        setUp(1_199_923_200L);
        enrol(on("2025-03-10"), 1, 6, LocalDate.of(2025, 4, 1));
        for (YearMonth m : List.of(APRIL, MAY, JUNE, JULY, YearMonth.of(2025, 8))) {
            run(m.atDay(1).toString(), m);
        }
        assertThat(services.programmes.find(programmeId).orElseThrow().lapsed()).isEqualTo(6);
        Services s = on("2025-08-05");
        List<Object> outcomes = together(4, () -> s.lapses.reEnrolAll(programmeId, STAFF));
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(List.class));
        long made = outcomes.stream().mapToLong(o -> ((List<?>) o).size()).sum();
        assertThat(made).isEqualTo(6);
        assertThat(services.programmes.find(programmeId).orElseThrow().counts().active()).isEqualTo(6);
        assertThat(services.programmes.find(programmeId).orElseThrow().lapsed()).isZero();
    }

    private Programme withQuota(int quota) {
        Programme p = services.programmes.find(programmeId).orElseThrow().programme();
        return new Programme(p.id(), p.name(), quota, p.kecamatan(), p.eligibleOccupations(), p.dtsenMaxDecile(), p.minAge(), p.maxAge(),
                p.coverageStartDelayMonths(), p.rates(), p.budgets(), p.holidays(), p.wadahCode());
    }
}
