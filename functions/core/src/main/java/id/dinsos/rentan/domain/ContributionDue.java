package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * BPU contributions are due by the 15th of the contribution month itself, or the next working
 * day when the 15th is a Saturday, Sunday or public holiday of the programme's calendar
 * ({@link Programme#workingDays()}). BPU pay no late fine.
 */
public final class ContributionDue {
    public static final int DUE_DAY = 15;

    private ContributionDue() {
    }

    /** the 15th of the month, moved to the next working day. */
    public static LocalDate dueDate(YearMonth month, WorkingDays days) {
        return days.onOrAfter(month.atDay(DUE_DAY));
    }

    /**
     * R-05 for a supplementary bill part raised after its months (e.g. coverage dated back): raised
     * before the 15th of a month, it is due on that month's 15th; raised on the 15th or later, on the
     * next month's 15th; either moved to the next working day.
     */
    public static LocalDate dueDateOfPartRaisedOn(LocalDate raisedOn, WorkingDays days) {
        YearMonth month = YearMonth.from(raisedOn);
        return dueDate(raisedOn.getDayOfMonth() < DUE_DAY ? month : month.plusMonths(1), days);
    }

    public static boolean overdue(YearMonth month, LocalDate today, WorkingDays days) {
        return today.isAfter(dueDate(month, days));
    }
}
