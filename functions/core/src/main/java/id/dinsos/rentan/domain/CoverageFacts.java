package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;

/**
 * What the ledger knows of one participant on the day of a check: the coverage period,
 * the months charged (a contribution line exists) and the months whose bill was paid.
 *
 * @param workingDays the programme's calendar for due dates
 */
public record CoverageFacts(LocalDate coverageStart, LocalDate coverageEnd, Set<YearMonth> charged, Set<YearMonth> paid,
                            LocalDate today, WorkingDays workingDays) {
    public CoverageFacts {
        charged = Set.copyOf(charged);
        paid = Set.copyOf(paid);
    }

    public boolean inCoveragePeriod(LocalDate date) {
        return coverageStart != null && !date.isBefore(coverageStart) && (coverageEnd == null || !date.isAfter(coverageEnd));
    }

    public boolean paidFor(YearMonth month) {
        return charged.contains(month) && paid.contains(month);
    }

    /** The current month before its contribution is due: covered, pending payment. */
    public boolean paymentPending(YearMonth month) {
        return month.equals(YearMonth.from(today)) && !today.isAfter(ContributionDue.dueDate(month, workingDays)) && !paid.contains(month);
    }

    /** Months paid in all, for the JKM scholarship's period of contributions. */
    public int paidMonths() {
        return (int) charged.stream().filter(paid::contains).count();
    }
}
