package id.dinsos.rentan.application;

import id.dinsos.rentan.devkit.CapturedLog;
import id.dinsos.rentan.testsupport.Fixtures;
import id.dinsos.rentan.testsupport.Services;
import id.dinsos.rentan.testsupport.TickingClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.logging.Level;

import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily check behind BillsOverdueAlarm, on DynamoDB Local: a bill part billed, unpaid and
 * past its due date on the programme's today (Asia/Jakarta) is overdue; paid, or due today, it is
 * not. April 2025 falls due on Tuesday 15 April; two people covered from April cost Rp33,600.
 */
class OverdueBillsTest extends ApplicationTestBase {
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final YearMonth APRIL = YearMonth.of(2025, 4);
    private static final LocalDate APRIL_15 = LocalDate.of(2025, 4, 15);
    private static final long TWO_PEOPLE = 2 * 16_800L;

    private Clock clock;

    /** The programme's clock at 09:00 WIB on {@code day}. */
    private void on(LocalDate day) {
        clock = TickingClock.startingAt(Instant.parse(day + "T02:00:00Z"), Duration.ofMillis(1), JAKARTA);
        services = new Services(client, table, clock);
    }

    /** Two people covered from {@code coverageStart} by decree, and {@code month} run on its 1st (not paid). */
    private void monthRunOnThe1st(YearMonth month, LocalDate coverageStart) {
        on(month.atDay(1));
        services.settings.save(Fixtures.programme(programmeId, 10), STAFF);
        services.importList.run(programmeId, List.of(
                new DecreeRow(2, Fixtures.nik(1).value(), Fixtures.applicant(1), coverageStart, List.of()),
                new DecreeRow(3, Fixtures.nik(2).value(), Fixtures.applicant(2), coverageStart, List.of())), STAFF);
        services.runMonth.run(programmeId, month, false, 1, STAFF);
    }

    private OverdueBills.Report checkOn(LocalDate day) {
        on(day);
        return new OverdueBills(services.ledgerStore, clock, metrics).check(programmeId);
    }

    @Test
    void aPartDueYesterday_andUnpaid_isOverdue_countedLoggedAndAddedUp_R05() {
        monthRunOnThe1st(APRIL, APRIL.atDay(1));
        OverdueBills.Report report;
        try (CapturedLog log = CapturedLog.of(OverdueBills.class)) {
            report = checkOn(APRIL_15.plusDays(1));
            // One line per overdue part: month, part, due date, amount; never a participant's NIK or name.
            assertThat(log.records()).singleElement().satisfies(r -> assertThat(r.getLevel()).isEqualTo(Level.WARNING));
            assertThat(log.messages()).containsExactly(
                    "bill part overdue: month=2025-04 part=1 dueDate=2025-04-15 amount=33600 daysOverdue=1");
        }
        assertThat(report.today()).isEqualTo(APRIL_15.plusDays(1));
        assertThat(report.overdue()).containsExactly(new OverdueBills.Overdue(APRIL, 1, APRIL_15, TWO_PEOPLE, 1));
        assertThat(report.amount()).isEqualTo(TWO_PEOPLE);
        assertThat(metrics.counted()).containsExactly("BillsOverdue=1 {Programme=" + programmeId + "}",
                "OverdueAmount=" + TWO_PEOPLE + " {Programme=" + programmeId + "}");
    }

    @Test
    void aPaidPart_isNotOverdue_andZeroIsCounted_soTheAlarmClears() {
        monthRunOnThe1st(APRIL, APRIL.atDay(1));
        on(LocalDate.of(2025, 4, 10));
        services.payments.pay(programmeId, APRIL, LocalDate.of(2025, 4, 10), "SP2D-2025-04", STAFF);
        try (CapturedLog log = CapturedLog.of(OverdueBills.class)) {
            assertThat(checkOn(APRIL_15.plusDays(1)).overdue()).isEmpty();
            assertThat(log.records()).isEmpty();
        }
        assertThat(metrics.counted()).containsExactly("BillsOverdue=0 {Programme=" + programmeId + "}",
                "OverdueAmount=0 {Programme=" + programmeId + "}");
    }

    @Test
    void aPartDueToday_isNotOverdueYet_R05() {
        monthRunOnThe1st(APRIL, APRIL.atDay(1));
        try (CapturedLog log = CapturedLog.of(OverdueBills.class)) {
            assertThat(checkOn(APRIL_15).overdue()).isEmpty();
            assertThat(log.records()).isEmpty();
        }
    }

    @Test
    void lastDecembersBill_isStillWatchedInJanuary() {
        YearMonth december = YearMonth.of(2025, 12);
        monthRunOnThe1st(december, december.atDay(1));
        try (CapturedLog log = CapturedLog.of(OverdueBills.class)) {
            // December 2025 fell due on Monday 15 December.
            assertThat(checkOn(LocalDate.of(2026, 1, 2)).overdue())
                    .containsExactly(new OverdueBills.Overdue(december, 1, LocalDate.of(2025, 12, 15), TWO_PEOPLE, 18));
            assertThat(log.messages()).hasSize(1);
        }
    }

    @Test
    void aPartThatChargedNobody_owesNothing() {
        on(APRIL.atDay(1));
        services.settings.save(Fixtures.programme(programmeId, 10), STAFF);
        services.runMonth.run(programmeId, APRIL, false, 1, STAFF);
        assertThat(checkOn(APRIL_15.plusDays(1)).overdue()).isEmpty();
    }
}
