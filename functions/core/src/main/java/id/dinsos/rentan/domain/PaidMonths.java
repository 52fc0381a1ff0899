package id.dinsos.rentan.domain;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.Set;

/** Counting a participant's paid months: a month counts when it was charged and its bill paid. */
public final class PaidMonths {
    private PaidMonths() {
    }

    /**
     * Consecutive paid months ending with the latest paid month at or before {@code upTo}; a month
     * not charged or not paid breaks the streak.
     */
    public static int consecutiveUpTo(Set<YearMonth> charged, Set<YearMonth> paid, YearMonth upTo) {
        return charged.stream()
                .filter(m -> !m.isAfter(upTo) && paid.contains(m))
                .max(Comparator.naturalOrder())
                .map(latest -> consecutiveBefore(charged, paid, latest.plusMonths(1)))
                .orElse(0);
    }

    /** Consecutive paid months completed immediately before {@code month} (R-31 counts these before a death). */
    public static int consecutiveBefore(Set<YearMonth> charged, Set<YearMonth> paid, YearMonth month) {
        int count = 0;
        YearMonth m = month.minusMonths(1);
        while (charged.contains(m) && paid.contains(m)) {
            count++;
            m = m.minusMonths(1);
        }
        return count;
    }
}
