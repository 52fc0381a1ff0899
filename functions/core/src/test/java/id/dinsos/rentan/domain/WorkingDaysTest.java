package id.dinsos.rentan.domain;

import id.dinsos.rentan.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** contributions fall due on the 15th, or the next working day: weekends and the programme's public holidays move it. */
class WorkingDaysTest {
    /** Indonesia's 2025 national public holidays (libur nasional), as in the demo programme. */
    private static final WorkingDays INDONESIA_2025 = new WorkingDays(Set.of(
            LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 27), LocalDate.of(2025, 1, 29), LocalDate.of(2025, 3, 29),
            LocalDate.of(2025, 3, 31), LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 18), LocalDate.of(2025, 4, 20),
            LocalDate.of(2025, 5, 1), LocalDate.of(2025, 5, 12), LocalDate.of(2025, 5, 29), LocalDate.of(2025, 6, 1),
            LocalDate.of(2025, 6, 6), LocalDate.of(2025, 6, 27), LocalDate.of(2025, 8, 17), LocalDate.of(2025, 9, 5),
            LocalDate.of(2025, 12, 25)));

    private static WorkingDays holidays(String... dates) {
        return new WorkingDays(Set.of(dates).stream().map(LocalDate::parse).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void weekdays_areWorkingDays_weekendsAndHolidaysAreNot_R05() {
        assertThat(INDONESIA_2025.isWorkingDay(LocalDate.of(2025, 4, 15))).isTrue();   // Tuesday
        assertThat(INDONESIA_2025.isWorkingDay(LocalDate.of(2025, 3, 15))).isFalse();  // Saturday
        assertThat(INDONESIA_2025.isWorkingDay(LocalDate.of(2025, 6, 15))).isFalse();  // Sunday
        assertThat(INDONESIA_2025.isWorkingDay(LocalDate.of(2025, 5, 1))).isFalse();   // Labour Day, a Thursday
        assertThat(WorkingDays.NONE.isWorkingDay(LocalDate.of(2025, 5, 1))).isTrue();
    }

    @Test
    void onOrAfter_skipsARunOfWeekendAndHolidays_R05() {
        // Nyepi (Saturday 29 March), Sunday, then Idul Fitri on Monday 31 March and Tuesday 1 April.
        assertThat(INDONESIA_2025.onOrAfter(LocalDate.of(2025, 3, 29))).isEqualTo(LocalDate.of(2025, 4, 2));
        assertThat(INDONESIA_2025.onOrAfter(LocalDate.of(2025, 4, 2))).isEqualTo(LocalDate.of(2025, 4, 2));
        assertThat(WorkingDays.NONE.onOrAfter(LocalDate.of(2025, 3, 29))).isEqualTo(LocalDate.of(2025, 3, 31));
    }

    @Test
    void dueDate_aFifteenthOnAFridayHoliday_movesToMonday_R05() {
        // 15 August 2025 is a Friday; declared a holiday, the contribution falls due on Monday 18 August.
        assertThat(ContributionDue.dueDate(YearMonth.of(2025, 8), WorkingDays.NONE)).isEqualTo(LocalDate.of(2025, 8, 15));
        assertThat(ContributionDue.dueDate(YearMonth.of(2025, 8), holidays("2025-08-15"))).isEqualTo(LocalDate.of(2025, 8, 18));
    }

    @Test
    void dueDate_aHolidayOnTheMondayAfterAWeekendFifteenth_movesToTuesday_R05() {
        // 15 June 2025 is a Sunday: due Monday 16 June, or Tuesday 17 June when that Monday is a holiday.
        assertThat(ContributionDue.dueDate(YearMonth.of(2025, 6), WorkingDays.NONE)).isEqualTo(LocalDate.of(2025, 6, 16));
        assertThat(ContributionDue.dueDate(YearMonth.of(2025, 6), holidays("2025-06-16"))).isEqualTo(LocalDate.of(2025, 6, 17));
    }

    @Test
    void dueDate_withIndonesias2025Calendar_keepsEvery2025DueDateOffHolidays_R05() {
        for (int m = 1; m <= 12; m++) {
            LocalDate due = ContributionDue.dueDate(YearMonth.of(2025, m), INDONESIA_2025);
            assertThat(INDONESIA_2025.isWorkingDay(due)).as(due.toString()).isTrue();
            assertThat(due).isBetween(YearMonth.of(2025, m).atDay(15), YearMonth.of(2025, m).atDay(20));
        }
    }

    @ParameterizedTest(name = "a part raised on {0} is due on {1}")
    @CsvSource({
            "2025-05-14, 2025-05-15",   // before the 15th: that month's 15th (a Thursday)
            "2025-05-15, 2025-06-16",   // on the 15th: next month's 15th, a Sunday, so Monday
            "2025-05-20, 2025-06-16",   // after the 15th: next month's 15th, a Sunday, so Monday
            "2025-05-01, 2025-05-15",
            "2025-12-20, 2026-01-15",   // into the next year
    })
    void dueDateOfPartRaisedOn_isThisMonthsFifteenthBeforeIt_elseNextMonths_R05(LocalDate raisedOn, LocalDate due) {
        assertThat(ContributionDue.dueDateOfPartRaisedOn(raisedOn, WorkingDays.NONE)).isEqualTo(due);
    }

    @Test
    void dueDateOfPartRaisedOn_movesOffHolidaysToo_R05() {
        WorkingDays days = holidays("2025-05-15", "2025-06-16");
        assertThat(ContributionDue.dueDateOfPartRaisedOn(LocalDate.of(2025, 5, 14), days)).isEqualTo(LocalDate.of(2025, 5, 16));
        assertThat(ContributionDue.dueDateOfPartRaisedOn(LocalDate.of(2025, 5, 15), days)).isEqualTo(LocalDate.of(2025, 6, 17));
        assertThat(ContributionDue.dueDateOfPartRaisedOn(LocalDate.of(2025, 5, 20), days)).isEqualTo(LocalDate.of(2025, 6, 17));
    }

    @Test
    void overdue_onlyAfterTheMovedDueDate_R05() {
        WorkingDays days = holidays("2025-08-15");
        assertThat(ContributionDue.overdue(YearMonth.of(2025, 8), LocalDate.of(2025, 8, 18), days)).isFalse();
        assertThat(ContributionDue.overdue(YearMonth.of(2025, 8), LocalDate.of(2025, 8, 19), days)).isTrue();
        assertThat(ContributionDue.overdue(YearMonth.of(2025, 8), LocalDate.of(2025, 8, 16), WorkingDays.NONE)).isTrue();
    }

    @Test
    void programme_holidays_areSortedOnce_andMakeItsWorkingDays_R05() {
        Programme p = Fixtures.programme("p", 10);
        Programme withHolidays = new Programme(p.id(), p.name(), p.quota(), p.kecamatan(), p.eligibleOccupations(),
                p.dtsenMaxDecile(), p.minAge(), p.maxAge(), p.coverageStartDelayMonths(), p.rates(), p.budgets(),
                List.of(LocalDate.of(2025, 12, 25), LocalDate.of(2025, 8, 15), LocalDate.of(2025, 12, 25)), p.wadahCode());
        assertThat(withHolidays.holidays()).containsExactly(LocalDate.of(2025, 8, 15), LocalDate.of(2025, 12, 25));
        assertThat(withHolidays.workingDays().isWorkingDay(LocalDate.of(2025, 8, 15))).isFalse();
        assertThat(p.workingDays()).isEqualTo(WorkingDays.NONE);
    }

    @Test
    void arrears_countFromTheMovedDueDate_R05_R06() {
        // The due date is fixed on the bill part when it is raised, from the calendar in force then.
        WorkingDays days = holidays("2025-08-15");
        MonthlyRun august = new MonthlyRun("p", YearMonth.of(2025, 8), 1, RunStatus.COMPLETED,
                new ContributionRate(YearMonth.of(2025, 1), 1_000_000, 10_000, 6_800), 1, 1, 0, 1, null,
                java.time.OffsetDateTime.parse("2025-08-01T01:00:00+07:00"), null, ContributionDue.dueDate(YearMonth.of(2025, 8), days), null);
        assertThat(Arrears.assess(List.of(august), LocalDate.of(2025, 8, 18))).isEmpty();
        List<Arrears.Warning> late = Arrears.assess(List.of(august), LocalDate.of(2025, 8, 20));
        assertThat(late).singleElement().satisfies(w -> {
            assertThat(w.dueDate()).isEqualTo(LocalDate.of(2025, 8, 18));
            assertThat(w.daysOverdue()).isEqualTo(2);
        });
    }
}
