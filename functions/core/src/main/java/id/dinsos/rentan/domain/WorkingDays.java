package id.dinsos.rentan.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * The calendar that moves a due date to a working day: Saturdays, Sundays and the
 * programme's public holidays (libur nasional, a programme setting) are not working days.
 */
public record WorkingDays(Set<LocalDate> holidays) {
    /** Weekends only: no public holidays. */
    public static final WorkingDays NONE = new WorkingDays(Set.of());

    public WorkingDays {
        holidays = Set.copyOf(holidays);
    }

    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
    }

    /** The first working day on or after {@code date}. */
    public LocalDate onOrAfter(LocalDate date) {
        LocalDate day = date;
        while (!isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }
}
