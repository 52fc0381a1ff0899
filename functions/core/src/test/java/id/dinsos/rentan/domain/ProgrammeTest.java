package id.dinsos.rentan.domain;

import id.dinsos.rentan.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** R-04 rate table, R-20 coverage start, R-12 kecamatan spelling, R-22 budgets. */
class ProgrammeTest {
    private static final ContributionRate RATE_2025 = new ContributionRate(YearMonth.of(2025, 1), 1_000_000, 10_000, 6_800);
    private static final ContributionRate RATE_2026 = new ContributionRate(YearMonth.of(2026, 1), 500_000, 5_000, 3_400);
    private static final ContributionRate RATE_2026_07 = new ContributionRate(YearMonth.of(2026, 7), 600_000, 6_000, 4_000);

    private static Programme withRates(List<ContributionRate> rates) {
        Programme p = Fixtures.programme("p", 10);
        return new Programme(p.id(), p.name(), p.quota(), p.kecamatan(), p.eligibleOccupations(), p.dtsenMaxDecile(),
                p.minAge(), p.maxAge(), p.coverageStartDelayMonths(), rates, p.budgets(), p.holidays(), p.wadahCode());
    }

    private static Programme withDelay(int delay) {
        return Fixtures.programme("p", 10, delay);
    }

    @Test
    void subsidisedRate_isRp16800PerMonth_R03() {
        assertThat(RATE_2025.total()).isEqualTo(16_800L);
    }

    @Test
    void rateRow_jkkIsOnePercentOfItsDeclaredIncome_R01() {
        assertThat(RATE_2025.jkkIsOnePercentOfDeclaredIncome()).isTrue();
        assertThat(RATE_2026.jkkIsOnePercentOfDeclaredIncome()).isTrue();
        assertThat(new ContributionRate(YearMonth.of(2026, 1), 2_000_000, 15_000, 6_800).jkkIsOnePercentOfDeclaredIncome()).isFalse();
        assertThat(new ContributionRate(YearMonth.of(2026, 1), 1_000_050, 10_000, 6_800).jkkIsOnePercentOfDeclaredIncome()).isFalse();
    }

    @Test
    void rateFor_picksTheRowInForceForTheMonth_R04() {
        // Given out of order on purpose: the table is sorted by its effective month.
        Programme p = withRates(List.of(RATE_2026_07, RATE_2025, RATE_2026));
        assertThat(p.rates()).containsExactly(RATE_2025, RATE_2026, RATE_2026_07);
        assertThat(p.rateFor(YearMonth.of(2025, 1))).contains(RATE_2025);
        assertThat(p.rateFor(YearMonth.of(2025, 12))).contains(RATE_2025);
        assertThat(p.rateFor(YearMonth.of(2026, 1))).contains(RATE_2026);
        assertThat(p.rateFor(YearMonth.of(2026, 6))).contains(RATE_2026);
        assertThat(p.rateFor(YearMonth.of(2026, 7))).contains(RATE_2026_07);
        assertThat(p.rateFor(YearMonth.of(2030, 1))).contains(RATE_2026_07);
    }

    @Test
    void rateFor_aMonthBeforeTheFirstRow_isEmpty_R04() {
        Programme p = withRates(List.of(RATE_2025, RATE_2026));
        assertThat(p.rateFor(YearMonth.of(2024, 12))).isEmpty();
    }

    @Test
    void rateFor_withNoRates_isEmpty_R04() {
        assertThat(withRates(List.of()).rateFor(YearMonth.of(2025, 3))).isEmpty();
    }

    @ParameterizedTest(name = "approved {0} with delay {1} -> covered from {2}")
    @CsvSource({
            "2025-03-10, 1, 2025-04-01",
            "2025-03-01, 1, 2025-04-01",
            "2025-03-31, 1, 2025-04-01",
            "2025-12-31, 1, 2026-01-01",
            "2025-12-01, 1, 2026-01-01",
            "2025-03-10, 0, 2025-03-01",
            "2025-12-15, 0, 2025-12-01",
            "2025-03-10, 2, 2025-05-01",
            "2025-11-20, 2, 2026-01-01",
            "2025-12-20, 2, 2026-02-01",
    })
    void coverageStartAfterApprovalOn_isFirstOfTheMonthDelayMonthsLater_R20(LocalDate approved, int delay, LocalDate expected) {
        assertThat(withDelay(delay).coverageStartAfterApprovalOn(approved)).isEqualTo(expected);
    }

    @Test
    void canonicalKecamatan_returnsTheProgrammesSpelling_R12() {
        Programme p = Fixtures.programme("p", 10);
        assertThat(p.canonicalKecamatan("KARAWACI")).contains("Karawaci");
        assertThat(p.canonicalKecamatan(" karangtengah ")).contains("Karangtengah");
        assertThat(p.canonicalKecamatan("Bandung Wetan")).isEmpty();
        assertThat(p.canonicalKecamatan(null)).isEmpty();
        assertThat(p.coversKecamatan(null)).isFalse();
    }

    @Test
    void budgetFor_findsTheYearsAllocation_R22() {
        Programme p = Fixtures.programme("p", 10);
        assertThat(p.budgetFor(2025)).contains(new BudgetAllocation(2025, 1_199_923_200L));
        assertThat(p.budgetFor(2026)).isEmpty();
    }

    @Test
    void yearlyAllocation_ofTheReferenceCase_is5952TimesRp16800TimesTwelve_R07() {
        assertThat(5_952L * RATE_2025.total()).isEqualTo(99_993_600L);
        assertThat(5_952L * RATE_2025.total() * 12).isEqualTo(Fixtures.programme("p", 5952).budgetFor(2025).orElseThrow().allocation());
    }
}
