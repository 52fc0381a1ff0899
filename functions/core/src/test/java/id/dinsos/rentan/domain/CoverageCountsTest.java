package id.dinsos.rentan.domain;

import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Enrolled in a month from the starts and ends by month, as {@link Participant#enrolledIn} decides for one. */
class CoverageCountsTest {
    private static final YearMonth APRIL = YearMonth.of(2025, 4);

    private static CoverageCounts of(YearMonth start, YearMonth end) {
        Map<YearMonth, Long> starts = new TreeMap<>();
        Map<YearMonth, Long> ends = new TreeMap<>();
        CoverageCounts.add(start, end, 1, starts, ends);
        return new CoverageCounts(new TreeMap<>(starts), new TreeMap<>(ends));
    }

    @Test
    void coverageCounts_inEveryMonthFromItsStartToItsEnd_inclusive_R20() {
        CoverageCounts counts = of(APRIL, APRIL.plusMonths(2));
        assertThat(counts.enrolledIn(APRIL.minusMonths(1))).isZero();
        assertThat(counts.enrolledIn(APRIL)).isEqualTo(1);
        assertThat(counts.enrolledIn(APRIL.plusMonths(2))).isEqualTo(1);
        assertThat(counts.enrolledIn(APRIL.plusMonths(3))).isZero();
        assertThat(of(APRIL, null).enrolledIn(APRIL.plusYears(5))).isEqualTo(1);
    }

    @Test
    void coverageEndedBeforeItBegan_countsInNoMonth_neverMinusOne_R20() {
        CoverageCounts neverCovered = of(APRIL.plusMonths(6), APRIL);
        for (int m = -2; m < 10; m++) {
            assertThat(neverCovered.enrolledIn(APRIL.plusMonths(m))).as("month %d", m).isZero();
        }
        assertThat(of(null, null).enrolledIn(APRIL)).isZero();
    }
}
