package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Coverage timelines for rule tests: each charged month raised on its 1st, due by R-05, paid on its 10th when paid. */
final class Timelines {
    private Timelines() {
    }

    static CoverageTimeline of(LocalDate start, LocalDate end, Set<YearMonth> charged, Set<YearMonth> paid) {
        Map<YearMonth, BillPart> lines = new HashMap<>();
        for (YearMonth m : charged) {
            lines.put(m, new BillPart(m, 1, m.atDay(1), ContributionDue.dueDate(m, WorkingDays.NONE), paid.contains(m) ? m.atDay(10) : null));
        }
        return new CoverageTimeline(List.of(new CoveragePeriod("r", start, end, null)), lines);
    }
}
