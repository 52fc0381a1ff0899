package id.dinsos.rentan.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A month added up over its bill parts, as the run summary and the year's overview both show it. */
class MonthPartsTest {
    private static final ContributionRate RATE = new ContributionRate(YearMonth.of(2025, 1), 1_000_000, 10_000, 6_800);
    private static final YearMonth MAY = YearMonth.of(2025, 5);
    private static final LocalDate MAY_15 = LocalDate.of(2025, 5, 15);

    private static MonthlyRun part(int part, RunStatus status, long planned, long charged, LocalDate due, LocalDate paidOn) {
        OffsetDateTime raised = OffsetDateTime.of(2025, 5, 1, 1, 0, 0, 0, ZoneOffset.ofHours(7));
        Payment payment = paidOn == null ? null : new Payment(paidOn, "SP2D-" + part, raised.plusDays(20), "staff:petugas");
        return new MonthlyRun("p", MAY, part, status, RATE, planned, charged, status == RunStatus.BLOCKED_BUDGET ? 1 : 0, 1,
                null, raised, raised.plusMinutes(1), due, payment);
    }

    @Test
    void aMonthNeverRun_hasNoStatus_andEverythingZero() {
        MonthParts month = new MonthParts(MAY, List.of());
        assertThat(month.status()).isEmpty();
        assertThat(month.latest()).isEmpty();
        assertThat(month.participants()).isZero();
        assertThat(month.total()).isZero();
        assertThat(month.paidTotal() + month.unpaidTotal()).isZero();
        assertThat(month.paid()).isFalse();
        assertThat(month.overdueOn(LocalDate.of(2030, 1, 1))).isFalse();
    }

    @Test
    void aPaidPartAndAnUnpaidSupplementaryPart_splitTheTotal_andTheLatestPartGivesTheStatus_R21() {
        MonthParts month = new MonthParts(MAY, List.of(
                part(2, RunStatus.COMPLETED, 1, 1, LocalDate.of(2025, 6, 16), null),
                part(1, RunStatus.COMPLETED, 5, 5, MAY_15, LocalDate.of(2025, 5, 10))));
        assertThat(month.parts()).extracting(MonthlyRun::part).containsExactly(1, 2);
        assertThat(month.status()).contains(RunStatus.COMPLETED);
        assertThat(month.participants()).isEqualTo(6);
        assertThat(month.total()).isEqualTo(6 * 16_800);
        assertThat(month.jkkTotal() + month.jkmTotal()).isEqualTo(month.total());
        assertThat(month.paidTotal()).isEqualTo(5 * 16_800);
        assertThat(month.unpaidTotal()).isEqualTo(16_800);
        assertThat(month.paid()).isFalse();
    }

    @Test
    void aPartBlockedByTheBudget_showsWhatItPlanned_butIsNeitherPaidNorOwed_R22() {
        MonthParts month = new MonthParts(MAY, List.of(
                part(1, RunStatus.COMPLETED, 5, 5, MAY_15, null),
                part(2, RunStatus.BLOCKED_BUDGET, 2, 0, LocalDate.of(2025, 6, 16), null)));
        assertThat(month.status()).contains(RunStatus.BLOCKED_BUDGET);
        assertThat(month.participants()).isEqualTo(7);
        assertThat(month.total()).isEqualTo(7 * 16_800);
        assertThat(month.paidTotal()).isZero();
        assertThat(month.unpaidTotal()).isEqualTo(5 * 16_800);
    }

    @ParameterizedTest(name = "due {0}, paid {1}, charged {2}, today {3}: overdue {4}")
    @CsvSource(nullValues = "-", value = {
            "2025-05-15, -,          5, 2025-05-15, false",  // due today: not yet overdue
            "2025-05-15, -,          5, 2025-05-16, true",   // the day after the due date
            "2025-05-15, 2025-05-16, 5, 2025-05-20, false",  // paid late, but paid
            "2025-05-15, 2025-05-25, 5, 2025-05-20, true",   // a payment dated after today does not count yet
            "2025-05-15, -,          0, 2025-06-20, false"}) // a part that charged nobody owes nothing
    void aCompletedPart_isOverdue_whenUnpaidPastItsDueDate_R05(LocalDate due, LocalDate paidOn, long charged, LocalDate today,
                                                               boolean overdue) {
        MonthParts month = new MonthParts(MAY, List.of(part(1, RunStatus.COMPLETED, charged, charged, due, paidOn)));
        assertThat(month.overdueOn(today)).isEqualTo(overdue);
    }

    @Test
    void aPartStillRunningOrBlocked_isNeverOverdue() {
        for (RunStatus status : List.of(RunStatus.IN_PROGRESS, RunStatus.BLOCKED_BUDGET)) {
            MonthParts month = new MonthParts(MAY, List.of(part(1, status, 5, 0, MAY_15, null)));
            assertThat(month.overdueOn(LocalDate.of(2025, 12, 31))).as(status.name()).isFalse();
        }
    }

    @Test
    void aPartOfAnotherMonth_isRefused() {
        MonthlyRun april = part(1, RunStatus.COMPLETED, 1, 1, MAY_15, null);
        assertThatThrownBy(() -> new MonthParts(YearMonth.of(2025, 4), List.of(april))).isInstanceOf(IllegalArgumentException.class);
    }
}
