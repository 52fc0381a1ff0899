package id.dinsos.rentan.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * BPU contributions are due by the 15th of the contribution month itself, or the next working
 * day when the 15th is not one. BPU pay no late fine. Weekends are known here; public holidays are
 * not (the programme has no holiday calendar yet), so a 15th on a holiday counts as due that day.
 */
public final class ContributionDue {
    public static final int DUE_DAY = 15;

    private ContributionDue() {
    }

    public static LocalDate dueDate(YearMonth month) {
        LocalDate due = month.atDay(DUE_DAY);
        while (due.getDayOfWeek() == DayOfWeek.SATURDAY || due.getDayOfWeek() == DayOfWeek.SUNDAY) {
            due = due.plusDays(1);
        }
        return due;
    }

    /**
     * A supplementary bill part is due like a month's contributions from the day it is raised:
     * the 15th of that month when raised before it, otherwise the 15th of the next month.
     */
    public static LocalDate dueDateOfPartRaisedOn(LocalDate raisedOn) {
        YearMonth month = YearMonth.from(raisedOn);
        return dueDate(raisedOn.getDayOfMonth() < DUE_DAY ? month : month.plusMonths(1));
    }

    public static boolean overdue(YearMonth month, LocalDate today) {
        return today.isAfter(dueDate(month));
    }
}
