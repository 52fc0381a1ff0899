package id.dinsos.rentan.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The claim rules at their boundaries (R-21, R-30..R-38), with the rule table in force on the event date. */
class ClaimAssessorTest {
    private static final long INCOME = 1_000_000;
    private static final ClaimRules RULES = ClaimRules.inForceOn(LocalDate.of(2025, 7, 1), ClaimRules.TABLE).orElseThrow();
    private static final LocalDate APRIL_1 = LocalDate.of(2025, 4, 1);

    /** A check made on {@code today} of a person's coverage. */
    private record Facts(CoverageTimeline timeline, LocalDate today) {
    }

    /**
     * Covered from April; months {@code paidMonths} (e.g. "2025-04 2025-05") charged on their 1st,
     * due on their 15th and paid on their 10th; checked on {@code today}.
     */
    private static Facts paid(String paidMonths, LocalDate today) {
        Set<YearMonth> months = months(paidMonths);
        return new Facts(Timelines.of(APRIL_1, null, months, months), today);
    }

    static Set<YearMonth> months(String text) {
        Set<YearMonth> months = new HashSet<>();
        for (String m : text.trim().split("\\s+")) {
            if (!m.isEmpty()) {
                months.add(YearMonth.parse(m));
            }
        }
        return months;
    }

    private static ClaimAssessment jkm(LocalDate death, Facts facts) {
        return ClaimAssessor.assess(new ClaimRequest(ClaimType.JKM, death, null, null, null, null, null),
                facts == null ? null : facts.timeline(), facts == null ? death : facts.today(), INCOME, RULES);
    }

    private static ClaimAssessment jkk(LocalDate accident, AccidentOutcome outcome, Integer days, Facts facts) {
        return ClaimAssessor.assess(new ClaimRequest(ClaimType.JKK, accident, "x", outcome, days, null, null), facts.timeline(),
                facts.today(), INCOME, RULES);
    }

    @ParameterizedTest(name = "death on {0} with {1} paid: total {2}")
    @CsvSource({
            // The last day of the third paid month: only two paid months completed before the death month.
            "2025-06-30, 2025-04 2025-05 2025-06,         10000000, true",
            // The first day of the fourth month, itself paid: three completed, full benefit.
            "2025-07-01, 2025-04 2025-05 2025-06 2025-07, 42000000, false",
            "2025-07-31, 2025-04 2025-05 2025-06 2025-07, 42000000, false",
            // Two paid months before the death month: reduced.
            "2025-06-15, 2025-04 2025-05 2025-06,         10000000, true"})
    void jkm_paysTheFullBenefitOnlyAfterThreeConsecutivePaidMonthsBeforeTheDeathMonth_R30_R31(LocalDate death, String months,
                                                                                               long total, boolean reduced) {
        ClaimAssessment a = jkm(death, paid(months, LocalDate.of(2025, 8, 20)));
        assertThat(a.eligible()).isTrue();
        assertThat(a.total()).isEqualTo(total);
        assertThat(a.reasons().contains(ClaimReason.WAITING_PERIOD_REDUCED_BENEFIT)).isEqualTo(reduced);
    }

    @Test
    void jkm_fullBenefit_isItemisedAsLumpSumPeriodicAndFuneral_R30() {
        ClaimAssessment a = jkm(LocalDate.of(2025, 7, 3), paid("2025-04 2025-05 2025-06 2025-07", LocalDate.of(2025, 8, 20)));
        assertThat(a.benefits()).extracting(ClaimAssessment.Benefit::code, ClaimAssessment.Benefit::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("JKM_LUMP_SUM", 20_000_000L),
                org.assertj.core.groups.Tuple.tuple("JKM_PERIODIC", 12_000_000L),
                org.assertj.core.groups.Tuple.tuple("JKM_FUNERAL", 10_000_000L));
        assertThat(a.consecutivePaidMonths()).isEqualTo(3);
        assertThat(a.ruleVersion()).isEqualTo("PERMENAKER-1-2025");
    }

    @Test
    void aGapMonth_breaksTheStreak_soTheBenefitIsReduced_R31() {
        Set<YearMonth> charged = Set.of(YearMonth.of(2025, 4), YearMonth.of(2025, 5), YearMonth.of(2025, 6), YearMonth.of(2025, 7));
        Set<YearMonth> paidMonths = Set.of(YearMonth.of(2025, 4), YearMonth.of(2025, 6), YearMonth.of(2025, 7));
        ClaimAssessment a = jkm(LocalDate.of(2025, 7, 3), new Facts(Timelines.of(APRIL_1, null, charged, paidMonths), LocalDate.of(2025, 8, 20)));
        assertThat(a.consecutivePaidMonths()).isEqualTo(1);
        assertThat(a.total()).isEqualTo(10_000_000);
    }

    @Test
    void deathInAnUnpaidMonth_isNotEligible_R21_R38() {
        ClaimAssessment a = jkm(LocalDate.of(2025, 7, 3), paid("2025-04 2025-05 2025-06", LocalDate.of(2025, 8, 20)));
        assertThat(a.eligible()).isFalse();
        assertThat(a.reasons()).containsExactly(ClaimReason.MONTH_NOT_PAID);
        assertThat(a.total()).isZero();
        assertThat(a.coveredOnEventDate()).isFalse();
    }

    /*
     * Corrected with the coverage timeline: whether a month was pending is judged on the event date,
     * not on the day of the check (the old rows asserted that a check after the 15th refused an event
     * of the 3rd; R-21 says the 3rd was before the due date, so it was covered pending payment).
     */
    @ParameterizedTest(name = "event on {0}, today {1}: covered pending payment {2}")
    @CsvSource({
            "2025-07-03, 2025-07-10, true",   // before the 15th: pending payment
            "2025-07-03, 2025-08-20, true",   // still pending as it stood on the 3rd, whatever today is
            "2025-07-15, 2025-07-16, true",   // on the due date
            "2025-07-16, 2025-07-16, false"}) // after it, unpaid: not covered
    void monthBeforeItsDueDateOnTheEventDate_countsAsCoveredPendingPayment_R05_R21(LocalDate event, LocalDate today, boolean covered) {
        Set<YearMonth> charged = months("2025-04 2025-05 2025-06 2025-07");
        ClaimAssessment a = jkm(event, new Facts(Timelines.of(APRIL_1, null, charged, months("2025-04 2025-05 2025-06")), today));
        assertThat(a.eligible()).isEqualTo(covered);
        if (covered) {
            assertThat(a.reasons()).contains(ClaimReason.PAYMENT_PENDING);
            assertThat(a.total()).isEqualTo(42_000_000);
        }
    }

    @Test
    void eventBeforeCoverageStarts_orAfterItEnds_isNotCovered_R38() {
        Facts ended = new Facts(Timelines.of(APRIL_1, LocalDate.of(2025, 5, 31), months("2025-04 2025-05"), months("2025-04 2025-05")),
                LocalDate.of(2025, 8, 1));
        assertThat(jkm(LocalDate.of(2025, 3, 31), ended).reasons()).containsExactly(ClaimReason.NOT_COVERED_ON_EVENT_DATE);
        assertThat(jkm(LocalDate.of(2025, 6, 1), ended).reasons()).containsExactly(ClaimReason.NOT_COVERED_ON_EVENT_DATE);
        assertThat(jkm(LocalDate.of(2025, 5, 31), ended).eligible()).isTrue();
    }

    @Test
    void nobodyRegistered_isNotEligible() {
        ClaimAssessment a = jkm(LocalDate.of(2025, 7, 3), null);
        assertThat(a.eligible()).isFalse();
        assertThat(a.reasons()).containsExactly(ClaimReason.NOT_REGISTERED);
    }

    @Test
    void jkk_hasNoWaitingPeriod_theAccidentMonthMustBeCovered_R34() {
        ClaimAssessment firstMonth = jkk(LocalDate.of(2025, 4, 2), AccidentOutcome.TREATMENT, null, paid("2025-04", LocalDate.of(2025, 5, 1)));
        assertThat(firstMonth.eligible()).isTrue();
        assertThat(firstMonth.benefits()).extracting(ClaimAssessment.Benefit::code, ClaimAssessment.Benefit::amount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("JKK_MEDICAL_CARE", null));
        assertThat(firstMonth.total()).isZero();
        assertThat(jkk(LocalDate.of(2025, 5, 2), AccidentOutcome.TREATMENT, null, paid("2025-04", LocalDate.of(2025, 6, 1))).reasons())
                .containsExactly(ClaimReason.MONTH_NOT_PAID);
    }

    @Test
    void jkk_deathFromAWorkAccident_pays48TimesIncome_plusFuneralAndPeriodic_andScholarshipWithoutMinimum_R33() {
        ClaimAssessment a = jkk(LocalDate.of(2025, 4, 20), AccidentOutcome.DEATH, null, paid("2025-04", LocalDate.of(2025, 5, 1)));
        assertThat(a.benefits()).extracting(ClaimAssessment.Benefit::code, ClaimAssessment.Benefit::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("JKK_MEDICAL_CARE", null),
                org.assertj.core.groups.Tuple.tuple("JKK_DEATH", 48_000_000L),
                org.assertj.core.groups.Tuple.tuple("JKK_FUNERAL", 10_000_000L),
                org.assertj.core.groups.Tuple.tuple("JKK_PERIODIC", 12_000_000L));
        assertThat(a.total()).isEqualTo(70_000_000);
        assertThat(a.scholarship().eligible()).isTrue();
    }

    @Test
    void jkk_permanentTotalDisability_pays56TimesIncome_R33() {
        assertThat(jkk(LocalDate.of(2025, 4, 20), AccidentOutcome.PERMANENT_TOTAL_DISABILITY, null,
                paid("2025-04", LocalDate.of(2025, 5, 1))).total()).isEqualTo(56_000_000);
    }

    @ParameterizedTest(name = "{0} days of incapacity from 2025-04-20 pay {1}")
    @CsvSource({
            "1,   33333",        // a day at 100% of the month 2025-04-20..2025-05-19 (30 days), rounded down
            "30,  1000000",      // that whole month
            "360, 11838709",     // 360 days is not 12 months: 11 months + 26/31 of the twelfth
            "364, 11967741",     // 11 months + 30/31 of the twelfth (2026-03-20..2026-04-19)
            "365, 12000000",     // exactly 12 calendar months (to 2026-04-20) at 100%
            "366, 12016666",     // the first day at 50%, of a 30-day month (2026-04-20..2026-05-19)
            "395, 12500000"})    // 12 months at 100% and the thirteenth whole at 50%
    void temporaryIncapacity_pays100PercentForTwelveCalendarMonths_then50Percent_R33(int days, long pay) {
        ClaimAssessment a = jkk(LocalDate.of(2025, 4, 20), AccidentOutcome.TEMPORARY_INCAPACITY, days, paid("2025-04", LocalDate.of(2025, 5, 1)));
        assertThat(a.benefits()).filteredOn(b -> b.code().equals("JKK_TEMPORARY_INCAPACITY"))
                .singleElement().extracting(ClaimAssessment.Benefit::amount).isEqualTo(pay);
    }

    @Test
    void temporaryIncapacity_ofExactlyTwelveCalendarMonthsFrom31January_paysTwelveTimesIncome_R33() {
        LocalDate accident = LocalDate.of(2025, 1, 31);
        assertThat(ChronoUnit.DAYS.between(accident, LocalDate.of(2026, 1, 31))).isEqualTo(365);
        assertThat(ClaimAssessor.incapacityPay(accident, 365, INCOME, RULES)).isEqualTo(12 * INCOME);
    }

    @Test
    void temporaryIncapacity_oneDayAfterTwelveCalendarMonths_paysThatDayAt50PercentOfItsMonth_R33() {
        // Month 12 is 2026-01-31..2026-02-27 (28 days): one day of it at 50%, rounded down.
        long oneDayAtHalf = INCOME * 50 / (100 * 28);
        assertThat(oneDayAtHalf).isEqualTo(17_857);
        assertThat(ClaimAssessor.incapacityPay(LocalDate.of(2025, 1, 31), 366, INCOME, RULES)).isEqualTo(12 * INCOME + oneDayAtHalf);
    }

    @Test
    void temporaryIncapacity_ofTwelveCalendarMonthsOverALeapDay_is366Days_andPaysTwelveTimesIncome_R33() {
        LocalDate accident = LocalDate.of(2023, 3, 1);
        assertThat(ChronoUnit.DAYS.between(accident, LocalDate.of(2024, 3, 1))).isEqualTo(366);
        assertThat(ClaimAssessor.incapacityPay(accident, 366, INCOME, RULES)).isEqualTo(12 * INCOME);
    }

    @Test
    void temporaryIncapacity_of45DaysFrom10July_paysOneMonthAnd14DaysOfA31DayMonth_R33() {
        // Month 0 is 2025-07-10..2025-08-09 (whole); month 1 is 2025-08-10..2025-09-09 (31 days), 14 of them covered.
        assertThat(ClaimAssessor.incapacityPay(LocalDate.of(2025, 7, 10), 45, INCOME, RULES)).isEqualTo(INCOME + INCOME * 14 / 31);
        assertThat(INCOME + INCOME * 14 / 31).isEqualTo(1_451_612);
    }

    @Test
    void temporaryIncapacity_monthsAreAnchoredOnTheAccidentDay_notChained_R33() {
        LocalDate accident = LocalDate.of(2025, 1, 31);
        // 2025-01-31..2025-02-27 (28 days) and 2025-02-28..2025-03-30 (31 days): two whole months to 31 March.
        assertThat(ClaimAssessor.incapacityPay(accident, 59, INCOME, RULES)).isEqualTo(2 * INCOME);
        // To 28 March only: the second month is 28 of its 31 days.
        assertThat(ClaimAssessor.incapacityPay(accident, 56, INCOME, RULES)).isEqualTo(INCOME + INCOME * 28 / 31);
    }

    @ParameterizedTest(name = "accident 2020-03-10, checked {0}: expired {1}")
    @CsvSource({"2025-03-09, false", "2025-03-10, false", "2025-03-11, true"})
    void jkkClaim_lapsesFiveYearsAfterTheAccident_R35(LocalDate today, boolean expired) {
        Set<YearMonth> months = Set.of(YearMonth.of(2020, 3));
        CoverageTimeline timeline = Timelines.of(LocalDate.of(2020, 1, 1), null, months, months);
        ClaimAssessment a = ClaimAssessor.assess(new ClaimRequest(ClaimType.JKK, LocalDate.of(2020, 3, 10), "x",
                AccidentOutcome.TREATMENT, null, null, null), timeline, today, INCOME, ClaimRules.inForceOn(LocalDate.of(2020, 3, 10), ClaimRules.TABLE).orElseThrow());
        assertThat(a.eligible()).isEqualTo(!expired);
        assertThat(a.reasons().contains(ClaimReason.CLAIM_EXPIRED)).isEqualTo(expired);
    }

    @ParameterizedTest(name = "reported {0} after an accident on 2025-04-20: late {1}")
    @CsvSource({"2025-04-22, false", "2025-04-23, true"})
    void lateAccidentReport_isAWarning_notARefusal_R35(LocalDate reportedOn, boolean late) {
        ClaimAssessment a = ClaimAssessor.assess(new ClaimRequest(ClaimType.JKK, LocalDate.of(2025, 4, 20), "x", AccidentOutcome.TREATMENT,
                null, reportedOn, Transport.AIR), paid("2025-04", LocalDate.of(2025, 5, 1)).timeline(), LocalDate.of(2025, 5, 1), INCOME, RULES);
        assertThat(a.eligible()).isTrue();
        assertThat(a.reasons().contains(ClaimReason.LATE_ACCIDENT_REPORT)).isEqualTo(late);
        assertThat(a.benefits()).filteredOn(b -> b.code().equals("JKK_TRANSPORT_AIR")).singleElement()
                .satisfies(b -> {
                    assertThat(b.amount()).isEqualTo(10_000_000L);
                    assertThat(b.ceiling()).isTrue();
                });
        assertThat(a.total()).as("a ceiling is not a fixed amount").isZero();
    }

    /*
     * Corrected with the coverage timeline: the old test counted the death month itself among the 36;
     * R-32 counts months paid before the month of death only.
     */
    @Test
    void jkmScholarship_needs36MonthsOfContributions_R32() {
        Set<YearMonth> months = new HashSet<>();
        for (int i = 0; i < 37; i++) {
            months.add(YearMonth.of(2022, 4).plusMonths(i));
        }
        Facts facts = new Facts(Timelines.of(LocalDate.of(2022, 4, 1), null, months, months), LocalDate.of(2025, 5, 10));
        ClaimAssessment a = jkm(LocalDate.of(2025, 4, 20), facts);
        assertThat(a.scholarship().eligible()).isTrue();
        assertThat(a.scholarship().maxChildren()).isEqualTo(2);
        assertThat(a.scholarship().levels()).extracting(ClaimRules.ScholarshipLevel::level)
                .containsExactly("TK", "SD", "SMP", "SMA", "UNIVERSITY_OR_TRAINING");
        ClaimAssessment early = jkm(LocalDate.of(2025, 7, 3), paid("2025-04 2025-05 2025-06 2025-07", LocalDate.of(2025, 8, 1)));
        assertThat(early.scholarship().eligible()).isFalse();
        assertThat(early.reasons()).contains(ClaimReason.SCHOLARSHIP_NOT_YET_ELIGIBLE);
    }

    @Test
    void aRegulationChange_isANewRowOfTheTable_appliedByEventDate() {
        ClaimRules current = RULES;
        ClaimRules raised = new ClaimRules("FUTURE-RULE", LocalDate.of(2026, 1, 1), 25_000_000, current.jkmPeriodic(), current.jkmFuneral(),
                current.jkmEarlyDeath(), 6, current.scholarshipMinMonths(), current.scholarshipMaxChildren(), current.scholarshipLevels(),
                current.jkkDeathIncomeMultiple(), current.jkkDeathFuneral(), current.jkkDeathPeriodic(),
                current.permanentDisabilityIncomeMultiple(), current.incapacityFullPayMonths(), current.incapacityReducedPercent(),
                Map.copyOf(current.transportCeilings()), current.jkkClaimYears(), current.accidentReportDays());
        List<ClaimRules> table = List.of(ClaimRules.TABLE.get(0), ClaimRules.TABLE.get(1), raised);
        assertThat(ClaimRules.inForceOn(LocalDate.of(2025, 12, 31), table).orElseThrow().version()).isEqualTo("PERMENAKER-1-2025");
        assertThat(ClaimRules.inForceOn(LocalDate.of(2026, 1, 1), table).orElseThrow().version()).isEqualTo("FUTURE-RULE");
        assertThat(ClaimRules.inForceOn(LocalDate.of(2019, 12, 1), table)).isEmpty();

        // Under the new row four paid months are not enough: its waiting period is six.
        Set<YearMonth> months = Set.of(YearMonth.of(2026, 1), YearMonth.of(2026, 2), YearMonth.of(2026, 3), YearMonth.of(2026, 4),
                YearMonth.of(2026, 5));
        ClaimAssessment a = ClaimAssessor.assess(new ClaimRequest(ClaimType.JKM, LocalDate.of(2026, 5, 10), null, null, null, null, null),
                Timelines.of(LocalDate.of(2026, 1, 1), null, months, months), LocalDate.of(2026, 6, 1), INCOME, raised);
        assertThat(a.total()).isEqualTo(10_000_000);
        assertThat(a.ruleVersion()).isEqualTo("FUTURE-RULE");
    }

    @Test
    void jkmScholarship_countsOnlyMonthsPaidBeforeTheMonthOfDeath_R32() {
        Set<YearMonth> months = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            months.add(YearMonth.of(2022, 4).plusMonths(i)); // paid on to 2025-07, months after the death included
        }
        Facts facts = new Facts(Timelines.of(LocalDate.of(2022, 4, 1), null, months, months), LocalDate.of(2025, 8, 1));
        assertThat(jkm(LocalDate.of(2025, 3, 20), facts).scholarship().eligible()).as("35 months before March 2025").isFalse();
        assertThat(jkm(LocalDate.of(2025, 4, 1), facts).scholarship().eligible()).as("36 months before April 2025").isTrue();
        // A death in the third month of a new membership: the months paid after it never count.
        ClaimAssessment third = jkm(LocalDate.of(2025, 6, 5), paid(
                "2025-04 2025-05 2025-06 2025-07 2025-08 2025-09 2025-10 2025-11 2025-12", LocalDate.of(2025, 12, 20)));
        assertThat(third.scholarship().eligible()).isFalse();
        assertThat(third.reasons()).contains(ClaimReason.SCHOLARSHIP_NOT_YET_ELIGIBLE);
    }

    @ParameterizedTest(name = "June paid on {0}, accident on 2025-06-20: eligible {1}")
    @CsvSource({
            "2025-06-10, true",   // paid before the accident
            "2025-06-20, true",   // paid on the day of the accident
            "2025-06-21, false"}) // paid the day after: it does not cover an event past the due date
    void aPaymentMadeAfterTheEvent_doesNotCoverIt_R21_R38(LocalDate paidOn, boolean eligible) {
        Map<YearMonth, BillPart> lines = new java.util.HashMap<>();
        for (YearMonth m : months("2025-04 2025-05")) {
            lines.put(m, new BillPart(m, 1, m.atDay(1), ContributionDue.dueDate(m, WorkingDays.NONE), m.atDay(10)));
        }
        YearMonth june = YearMonth.of(2025, 6);
        lines.put(june, new BillPart(june, 1, june.atDay(1), ContributionDue.dueDate(june, WorkingDays.NONE), paidOn));
        CoverageTimeline timeline = new CoverageTimeline(List.of(new CoveragePeriod("r", APRIL_1, null, null)), lines);
        ClaimAssessment a = jkk(LocalDate.of(2025, 6, 20), AccidentOutcome.DEATH, null, new Facts(timeline, LocalDate.of(2025, 7, 1)));
        assertThat(a.eligible()).isEqualTo(eligible);
        if (!eligible) {
            assertThat(a.reasons()).containsExactly(ClaimReason.MONTH_NOT_PAID);
        }
    }

    @Test
    void aMonthWithoutALine_isNotPendingPayment_R21() {
        // Covered from April, but no run ever charged July: nothing was due, so nothing was pending.
        ClaimAssessment a = jkm(LocalDate.of(2025, 7, 3), paid("2025-04 2025-05 2025-06", LocalDate.of(2025, 7, 4)));
        assertThat(a.eligible()).isFalse();
        assertThat(a.reasons()).containsExactly(ClaimReason.MONTH_NOT_PAID);
    }

    @Test
    void aLineRaisedAfterTheEvent_wasNotPendingOnTheEventDate_R21() {
        // Coverage dated back to June after the accident: June's supplementary part was raised on 10 July.
        YearMonth june = YearMonth.of(2025, 6);
        Map<YearMonth, BillPart> lines = Map.of(june, new BillPart(june, 2, LocalDate.of(2025, 7, 10), LocalDate.of(2025, 7, 15), null));
        CoverageTimeline timeline = new CoverageTimeline(List.of(new CoveragePeriod("r", june.atDay(1), null, null)), lines);
        ClaimAssessment a = jkk(LocalDate.of(2025, 6, 20), AccidentOutcome.TREATMENT, null, new Facts(timeline, LocalDate.of(2025, 7, 11)));
        assertThat(a.reasons()).containsExactly(ClaimReason.MONTH_NOT_PAID);
    }

    @Test
    void fourConsecutiveMonthsInArrears_endTheMembership_fromTheDayAfterTheFourthDueDate_R06() {
        // April to July charged and never paid; due dates 15 April, 16 June (the 15th a Sunday), 15 July...
        Set<YearMonth> charged = months("2025-04 2025-05 2025-06 2025-07 2025-08");
        CoverageTimeline timeline = Timelines.of(APRIL_1, null, charged, Set.of());
        LocalDate fourthDue = ContributionDue.dueDate(YearMonth.of(2025, 7), WorkingDays.NONE);
        assertThat(timeline.lapsedOn(fourthDue)).isEmpty();
        assertThat(timeline.lapsedOn(fourthDue.plusDays(1))).contains(fourthDue.plusDays(1));
        assertThat(jkm(fourthDue.plusDays(3), new Facts(timeline, LocalDate.of(2025, 8, 30))).reasons())
                .containsExactly(ClaimReason.MEMBERSHIP_LAPSED);
        // Three months in arrears are a risk, not a lapse.
        CoverageTimeline three = Timelines.of(APRIL_1, null, months("2025-04 2025-05 2025-06"), Set.of());
        assertThat(three.lapsedOn(LocalDate.of(2025, 12, 31))).isEmpty();
        // One of the four paid on time breaks the run.
        CoverageTimeline broken = Timelines.of(APRIL_1, null, charged, months("2025-05"));
        assertThat(broken.lapsedOn(LocalDate.of(2025, 8, 30))).isEmpty();
    }

    @Test
    void theStreak_isCountedPerPersonAcrossConsecutiveRegistrations_R31() {
        // Registration one covers April to May; registration two of the same NIK June onwards.
        Map<YearMonth, BillPart> lines = new java.util.HashMap<>();
        for (YearMonth m : months("2025-04 2025-05 2025-06 2025-07")) {
            lines.put(m, new BillPart(m, 1, m.atDay(1), ContributionDue.dueDate(m, WorkingDays.NONE), m.atDay(10)));
        }
        CoverageTimeline timeline = new CoverageTimeline(List.of(
                new CoveragePeriod("one", APRIL_1, LocalDate.of(2025, 5, 31), EndReason.WITHDREW),
                new CoveragePeriod("two", LocalDate.of(2025, 6, 1), null, null)), lines);
        ClaimAssessment a = jkm(LocalDate.of(2025, 7, 20), new Facts(timeline, LocalDate.of(2025, 7, 25)));
        assertThat(a.consecutivePaidMonths()).isEqualTo(3);
        assertThat(a.total()).isEqualTo(42_000_000);
    }
}
