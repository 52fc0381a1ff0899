package id.dinsos.rentan.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.YearMonth;
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

    /** Covered from April; months {@code paidMonths} (e.g. "2025-04 2025-05") charged and paid; today given. */
    private static CoverageFacts paid(String paidMonths, LocalDate today) {
        Set<YearMonth> months = new HashSet<>();
        for (String m : paidMonths.trim().split("\\s+")) {
            if (!m.isEmpty()) {
                months.add(YearMonth.parse(m));
            }
        }
        return new CoverageFacts(APRIL_1, null, months, months, today, WorkingDays.NONE);
    }

    private static ClaimAssessment jkm(LocalDate death, CoverageFacts facts) {
        return ClaimAssessor.assess(new ClaimRequest(ClaimType.JKM, death, null, null, null, null, null), facts, INCOME, RULES);
    }

    private static ClaimAssessment jkk(LocalDate accident, AccidentOutcome outcome, Integer days, CoverageFacts facts) {
        return ClaimAssessor.assess(new ClaimRequest(ClaimType.JKK, accident, "x", outcome, days, null, null), facts, INCOME, RULES);
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
        ClaimAssessment a = jkm(LocalDate.of(2025, 7, 3), new CoverageFacts(APRIL_1, null, charged, paidMonths, LocalDate.of(2025, 8, 20), WorkingDays.NONE));
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

    @ParameterizedTest(name = "event on {0}, today {1}: covered pending payment {2}")
    @CsvSource({
            "2025-07-03, 2025-07-10, true",   // before the 15th: pending payment
            "2025-07-03, 2025-07-15, true",   // on the due date
            "2025-07-03, 2025-07-16, false"}) // after it, unpaid: not covered
    void currentMonthBeforeItsDueDate_countsAsCoveredPendingPayment_R05(LocalDate event, LocalDate today, boolean covered) {
        ClaimAssessment a = jkm(event, paid("2025-04 2025-05 2025-06", today));
        assertThat(a.eligible()).isEqualTo(covered);
        if (covered) {
            assertThat(a.reasons()).contains(ClaimReason.PAYMENT_PENDING);
            assertThat(a.total()).isEqualTo(42_000_000);
        }
    }

    @Test
    void eventBeforeCoverageStarts_orAfterItEnds_isNotCovered_R38() {
        CoverageFacts ended = new CoverageFacts(APRIL_1, LocalDate.of(2025, 5, 31), Set.of(YearMonth.of(2025, 4), YearMonth.of(2025, 5)),
                Set.of(YearMonth.of(2025, 4), YearMonth.of(2025, 5)), LocalDate.of(2025, 8, 1), WorkingDays.NONE);
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

    @ParameterizedTest(name = "{0} days of incapacity pay {1}")
    @CsvSource({
            "1,   33333",        // a day at 100%: 1,000,000 / 30, rounded down
            "30,  1000000",
            "359, 11966666",
            "360, 12000000",      // exactly 12 months at 100%
            "361, 12016666",      // the first day at 50%
            "390, 12500000"})
    void temporaryIncapacity_pays100PercentForTwelveMonths_then50Percent_R33(int days, long pay) {
        ClaimAssessment a = jkk(LocalDate.of(2025, 4, 20), AccidentOutcome.TEMPORARY_INCAPACITY, days, paid("2025-04", LocalDate.of(2025, 5, 1)));
        assertThat(a.benefits()).filteredOn(b -> b.code().equals("JKK_TEMPORARY_INCAPACITY"))
                .singleElement().extracting(ClaimAssessment.Benefit::amount).isEqualTo(pay);
    }

    @ParameterizedTest(name = "accident 2020-03-10, checked {0}: expired {1}")
    @CsvSource({"2025-03-09, false", "2025-03-10, false", "2025-03-11, true"})
    void jkkClaim_lapsesFiveYearsAfterTheAccident_R35(LocalDate today, boolean expired) {
        Set<YearMonth> months = Set.of(YearMonth.of(2020, 3));
        CoverageFacts facts = new CoverageFacts(LocalDate.of(2020, 1, 1), null, months, months, today, WorkingDays.NONE);
        ClaimAssessment a = ClaimAssessor.assess(new ClaimRequest(ClaimType.JKK, LocalDate.of(2020, 3, 10), "x",
                AccidentOutcome.TREATMENT, null, null, null), facts, INCOME, ClaimRules.inForceOn(LocalDate.of(2020, 3, 10), ClaimRules.TABLE).orElseThrow());
        assertThat(a.eligible()).isEqualTo(!expired);
        assertThat(a.reasons().contains(ClaimReason.CLAIM_EXPIRED)).isEqualTo(expired);
    }

    @ParameterizedTest(name = "reported {0} after an accident on 2025-04-20: late {1}")
    @CsvSource({"2025-04-22, false", "2025-04-23, true"})
    void lateAccidentReport_isAWarning_notARefusal_R35(LocalDate reportedOn, boolean late) {
        ClaimAssessment a = ClaimAssessor.assess(new ClaimRequest(ClaimType.JKK, LocalDate.of(2025, 4, 20), "x", AccidentOutcome.TREATMENT,
                null, reportedOn, Transport.AIR), paid("2025-04", LocalDate.of(2025, 5, 1)), INCOME, RULES);
        assertThat(a.eligible()).isTrue();
        assertThat(a.reasons().contains(ClaimReason.LATE_ACCIDENT_REPORT)).isEqualTo(late);
        assertThat(a.benefits()).filteredOn(b -> b.code().equals("JKK_TRANSPORT_AIR")).singleElement()
                .satisfies(b -> {
                    assertThat(b.amount()).isEqualTo(10_000_000L);
                    assertThat(b.ceiling()).isTrue();
                });
        assertThat(a.total()).as("a ceiling is not a fixed amount").isZero();
    }

    @Test
    void jkmScholarship_needs36MonthsOfContributions_R32() {
        Set<YearMonth> months = new HashSet<>();
        for (int i = 0; i < 36; i++) {
            months.add(YearMonth.of(2022, 4).plusMonths(i));
        }
        CoverageFacts facts = new CoverageFacts(LocalDate.of(2022, 4, 1), null, months, months, LocalDate.of(2025, 4, 10), WorkingDays.NONE);
        ClaimAssessment a = jkm(LocalDate.of(2025, 3, 20), facts);
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
                current.daysPerMonth(), Map.copyOf(current.transportCeilings()), current.jkkClaimYears(), current.accidentReportDays());
        List<ClaimRules> table = List.of(ClaimRules.TABLE.get(0), ClaimRules.TABLE.get(1), raised);
        assertThat(ClaimRules.inForceOn(LocalDate.of(2025, 12, 31), table).orElseThrow().version()).isEqualTo("PERMENAKER-1-2025");
        assertThat(ClaimRules.inForceOn(LocalDate.of(2026, 1, 1), table).orElseThrow().version()).isEqualTo("FUTURE-RULE");
        assertThat(ClaimRules.inForceOn(LocalDate.of(2019, 12, 1), table)).isEmpty();

        // Under the new row four paid months are not enough: its waiting period is six.
        Set<YearMonth> months = Set.of(YearMonth.of(2026, 1), YearMonth.of(2026, 2), YearMonth.of(2026, 3), YearMonth.of(2026, 4),
                YearMonth.of(2026, 5));
        CoverageFacts facts = new CoverageFacts(LocalDate.of(2026, 1, 1), null, months, months, LocalDate.of(2026, 6, 1), WorkingDays.NONE);
        ClaimAssessment a = ClaimAssessor.assess(new ClaimRequest(ClaimType.JKM, LocalDate.of(2026, 5, 10), null, null, null, null, null),
                facts, INCOME, raised);
        assertThat(a.total()).isEqualTo(10_000_000);
        assertThat(a.ruleVersion()).isEqualTo("FUTURE-RULE");
    }
}
