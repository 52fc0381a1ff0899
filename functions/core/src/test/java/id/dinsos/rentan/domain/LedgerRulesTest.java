package id.dinsos.rentan.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's rules: coverage in a month, the budget guard, due dates, arrears and paid months. */
class LedgerRulesTest {
    private static final ContributionRate RATE = new ContributionRate(YearMonth.of(2025, 1), 1_000_000, 10_000, 6_800);

    @ParameterizedTest(name = "coverage {0}..{1} enrolled in {2}: {3}")
    @CsvSource(nullValues = "-", value = {
            "2025-04-01, -,          2025-03, false",
            "2025-04-01, -,          2025-04, true",
            "2025-04-01, -,          2030-01, true",
            "2025-04-01, 2025-06-30, 2025-06, true",
            "2025-04-01, 2025-06-30, 2025-07, false",
            "-,          -,          2025-04, false"})
    void participant_isEnrolledFromCoverageStartToTheEndOfTheEndingMonth_R20_R21(LocalDate start, LocalDate end, YearMonth month,
                                                                                 boolean enrolled) {
        Participant p = new Participant("r1", Nik.of("3671014507850001"), "Siti", null, start, end, null);
        assertThat(p.enrolledIn(month)).isEqualTo(enrolled);
    }

    @Test
    void aRunCharges_onlyCoverageGrantedBeforeItWasPlanned_R22() {
        java.time.Instant planned = java.time.Instant.parse("2025-04-01T00:00:00Z");
        Participant before = new Participant("r1", Nik.of("3671014507850001"), "Siti", null, LocalDate.of(2025, 1, 1), null,
                planned.minusSeconds(1));
        Participant during = new Participant("r2", Nik.of("3671014507850001"), "Siti", null, LocalDate.of(2025, 1, 1), null,
                planned.plusSeconds(1));
        assertThat(before.chargeableIn(YearMonth.of(2025, 4), null, planned)).isTrue();
        assertThat(during.chargeableIn(YearMonth.of(2025, 4), null, planned)).isFalse();
        // A supplementary part planned later charges what the first part left out, and only that.
        java.time.Instant later = planned.plusSeconds(3600);
        assertThat(during.chargeableIn(YearMonth.of(2025, 4), planned, later)).isTrue();
        assertThat(before.chargeableIn(YearMonth.of(2025, 4), planned, later)).isFalse();
        assertThat(during.enrolledIn(YearMonth.of(2025, 4))).isTrue();
    }

    @Test
    void budgetGuard_passesAtTheExactBoundary_andBlocksOneRupiahLess_R22() {
        long cost = 5 * 16_800;
        assertThat(new BudgetYear(2025, cost, 0, 0).shortfallFor(cost)).isZero();
        assertThat(new BudgetYear(2025, cost - 1, 0, 0).shortfallFor(cost)).isEqualTo(1);
        assertThat(new BudgetYear(2025, 1_000_000, 950_000, 0).shortfallFor(cost)).isEqualTo(cost - 50_000);
    }

    @Test
    void budgetYear_committedIsBilledButUnpaid_remainingIsAllocationLessCharged_R22() {
        BudgetYear year = new BudgetYear(2025, 1_199_923_200L, 199_987_200L, 99_993_600L);
        assertThat(year.committed()).isEqualTo(99_993_600L);
        assertThat(year.spent()).isEqualTo(99_993_600L);
        assertThat(year.remaining()).isEqualTo(999_936_000L);
    }

    @Test
    void referenceCase_costs99993600AMonth_and1199923200AYear_R07() {
        MonthlyRun month = run(YearMonth.of(2025, 4), 5_952, null);
        assertThat(month.total()).isEqualTo(99_993_600L);
        assertThat(month.jkkTotal()).isEqualTo(59_520_000L);
        assertThat(month.jkmTotal()).isEqualTo(40_473_600L);
        assertThat(month.total() * 12).isEqualTo(1_199_923_200L);
    }

    @ParameterizedTest(name = "{0} is due on {1}")
    @CsvSource({
            "2025-04, 2025-04-15",   // Tuesday
            "2025-03, 2025-03-17",   // the 15th is a Saturday
            "2025-06, 2025-06-16",   // the 15th is a Sunday
    })
    void contributionsAreDueOnThe15th_orTheNextWorkingDay_R05(YearMonth month, LocalDate due) {
        assertThat(ContributionDue.dueDate(month, WorkingDays.NONE)).isEqualTo(due);
    }

    @Test
    void unpaidBill_isNoWarningUntilItsDueDate_thenOverdueByDays_R05() {
        List<MonthlyRun> runs = List.of(run(YearMonth.of(2025, 4), 5, null));
        assertThat(Arrears.assess(runs, LocalDate.of(2025, 4, 15))).isEmpty();
        List<Arrears.Warning> late = Arrears.assess(runs, LocalDate.of(2025, 4, 20));
        assertThat(late).singleElement().satisfies(w -> {
            assertThat(w.level()).isEqualTo(Arrears.Level.OVERDUE);
            assertThat(w.amount()).isEqualTo(84_000);
            assertThat(w.daysOverdue()).isEqualTo(5);
        });
    }

    @Test
    void threeConsecutiveUnpaidBilledMonths_putMembershipAtRisk_twoDoNot_R06() {
        List<MonthlyRun> two = List.of(run(YearMonth.of(2025, 4), 5, null), run(YearMonth.of(2025, 5), 5, null));
        assertThat(Arrears.assess(two, LocalDate.of(2025, 6, 1))).extracting(Arrears.Warning::level)
                .containsOnly(Arrears.Level.OVERDUE);
        List<MonthlyRun> three = new ArrayList<>(two);
        three.add(run(YearMonth.of(2025, 6), 5, null));
        // June is billed but not yet due on the 10th: it still makes the third unpaid month.
        assertThat(Arrears.assess(three, LocalDate.of(2025, 6, 10)))
                .extracting(Arrears.Warning::month, Arrears.Warning::level)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(YearMonth.of(2025, 4), Arrears.Level.MEMBERSHIP_AT_RISK),
                        org.assertj.core.groups.Tuple.tuple(YearMonth.of(2025, 5), Arrears.Level.MEMBERSHIP_AT_RISK));
    }

    @Test
    void aMonthThatChargedNobody_raisesNoArrears_R05_R06() {
        List<MonthlyRun> runs = List.of(run(YearMonth.of(2025, 1), 0, null), run(YearMonth.of(2025, 2), 0, null),
                run(YearMonth.of(2025, 3), 0, null));
        assertThat(Arrears.assess(runs, LocalDate.of(2025, 6, 1))).isEmpty();
    }

    @Test
    void aPaidMonth_breaksTheStreakOfUnpaidMonths_R06() {
        Payment paid = new Payment(LocalDate.of(2025, 5, 10), "SP2D-1", OffsetDateTime.parse("2025-05-10T09:00:00+07:00"), "staff:x");
        List<MonthlyRun> runs = List.of(run(YearMonth.of(2025, 4), 5, null), run(YearMonth.of(2025, 5), 5, paid),
                run(YearMonth.of(2025, 6), 5, null), run(YearMonth.of(2025, 7), 5, null));
        assertThat(Arrears.assess(runs, LocalDate.of(2025, 8, 1))).extracting(Arrears.Warning::level)
                .containsOnly(Arrears.Level.OVERDUE);
    }

    @Test
    void consecutivePaidMonths_countBackFromTheLatestPaidMonth_andStopAtAGap_R21() {
        Set<YearMonth> charged = Set.of(YearMonth.of(2025, 1), YearMonth.of(2025, 2), YearMonth.of(2025, 3), YearMonth.of(2025, 4),
                YearMonth.of(2025, 5));
        Set<YearMonth> paid = Set.of(YearMonth.of(2025, 1), YearMonth.of(2025, 3), YearMonth.of(2025, 4));
        CoverageTimeline timeline = Timelines.of(LocalDate.of(2025, 1, 1), null, charged, paid);
        LocalDate asOf = LocalDate.of(2025, 6, 1);
        assertThat(timeline.consecutivePaidUpTo(YearMonth.of(2025, 5), asOf)).isEqualTo(2);
        assertThat(timeline.consecutivePaidBefore(YearMonth.of(2025, 5), asOf)).isEqualTo(2);
        assertThat(timeline.consecutivePaidBefore(YearMonth.of(2025, 2), asOf)).isEqualTo(1);
        assertThat(CoverageTimeline.EMPTY.consecutivePaidUpTo(YearMonth.of(2025, 5), asOf)).isZero();
        // As they stood on 9 April, April was not paid yet (paid on the 10th).
        assertThat(timeline.consecutivePaidUpTo(YearMonth.of(2025, 5), LocalDate.of(2025, 4, 9))).isEqualTo(1);
    }

    @Test
    void fourConsecutiveMonthsInArrears_warnThatMembershipsLapsed_R06() {
        List<MonthlyRun> runs = List.of(run(YearMonth.of(2025, 4), 5, null), run(YearMonth.of(2025, 5), 5, null),
                run(YearMonth.of(2025, 6), 5, null), run(YearMonth.of(2025, 7), 5, null));
        assertThat(Arrears.assess(runs, LocalDate.of(2025, 7, 15))).extracting(Arrears.Warning::level)
                .as("July not yet past its due date").containsOnly(Arrears.Level.MEMBERSHIP_AT_RISK);
        assertThat(Arrears.assess(runs, LocalDate.of(2025, 7, 16))).extracting(Arrears.Warning::level)
                .hasSize(4).containsOnly(Arrears.Level.MEMBERSHIP_LAPSED);
    }

    @Test
    void aPaymentRecordedLater_countsFromItsDate_R21() {
        Payment late = new Payment(LocalDate.of(2025, 6, 20), "SP2D-1", OffsetDateTime.parse("2025-06-20T09:00:00+07:00"), "staff:x");
        List<MonthlyRun> runs = List.of(run(YearMonth.of(2025, 4), 5, late));
        assertThat(Arrears.assess(runs, LocalDate.of(2025, 6, 19))).extracting(Arrears.Warning::month).containsExactly(YearMonth.of(2025, 4));
        assertThat(Arrears.assess(runs, LocalDate.of(2025, 6, 20))).isEmpty();
    }

    private static MonthlyRun run(YearMonth month, long participants, Payment payment) {
        return new MonthlyRun("p", month, 1, RunStatus.COMPLETED, RATE, participants, participants, 0, 1, null,
                OffsetDateTime.parse("2025-04-01T01:00:00+07:00"), OffsetDateTime.parse("2025-04-01T01:01:00+07:00"),
                ContributionDue.dueDate(month, WorkingDays.NONE), payment);
    }
}
