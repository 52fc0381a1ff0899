package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Arrears;
import id.dinsos.rentan.domain.ClaimCheck;
import id.dinsos.rentan.domain.ClaimReason;
import id.dinsos.rentan.domain.ClaimRequest;
import id.dinsos.rentan.domain.ClaimRules;
import id.dinsos.rentan.domain.ClaimType;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.dynamodb.DynamoDbClaimCheckStore;
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

import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * R-05 on DynamoDB Local: the programme's holidays move the due date that arrears warnings
 * and claim checks read. 15 May 2025 is a Thursday, declared a holiday here, so May's
 * contribution falls due on Friday 16 May.
 */
class HolidayDueDateTest extends ApplicationTestBase {
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final YearMonth MAY = YearMonth.of(2025, 5);
    private static final LocalDate MAY_15 = LocalDate.of(2025, 5, 15);
    private static final LocalDate MAY_16 = LocalDate.of(2025, 5, 16);

    private Clock clock;

    private void on(LocalDate day) {
        clock = TickingClock.startingAt(Instant.parse(day + "T02:00:00Z"), Duration.ofMillis(1), JAKARTA);
        services = new Services(client, table, clock);
    }

    private Programme withHolidays(List<LocalDate> holidays) {
        Programme p = Fixtures.programme(programmeId, 10);
        return new Programme(p.id(), p.name(), p.quota(), p.kecamatan(), p.eligibleOccupations(), p.dtsenMaxDecile(),
                p.minAge(), p.maxAge(), p.coverageStartDelayMonths(), p.rates(), p.budgets(), holidays, p.wadahCode());
    }

    /** Budi covered from April by decree; May run on the 1st and not paid. */
    private String mayRunUnpaid(List<LocalDate> holidays) {
        on(LocalDate.of(2025, 5, 1));
        services.settings.save(withHolidays(holidays), STAFF);
        String id = services.importList.run(programmeId,
                List.of(new DecreeRow(2, Fixtures.nik(1).value(), Fixtures.applicant(1), LocalDate.of(2025, 4, 1), List.of())), STAFF)
                .rows().get(0).registrationId();
        services.runMonth.run(programmeId, MAY, false, 1, STAFF);
        return id;
    }

    private ClaimCheck jkmDeathOn(String registrationId, LocalDate day) {
        return new CheckClaim(services.programmes, services.registrations, new Ledger(services.ledgerStore, clock),
                new DynamoDbClaimCheckStore(client, table), ClaimRules.TABLE, clock)
                .check(programmeId, registrationId, null, new ClaimRequest(ClaimType.JKM, day, null, null, null, null, null), STAFF);
    }

    @Test
    void anUnpaidMonth_isNotOverdueOnAHolidayFifteenth_norTheWorkingDayItMovesTo_R05_R06() {
        mayRunUnpaid(List.of(MAY_15));

        on(MAY_16);
        assertThat(services.settings.status(programmeId).warnings()).isEmpty();

        on(LocalDate.of(2025, 5, 19));
        List<Arrears.Warning> warnings = services.settings.status(programmeId).warnings();
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.month()).isEqualTo(MAY);
            assertThat(w.dueDate()).isEqualTo(MAY_16);
            assertThat(w.daysOverdue()).isEqualTo(3);
        });
    }

    @Test
    void withoutTheHoliday_theSameMonthIsOverdueOnThe16th_R05() {
        mayRunUnpaid(List.of());
        on(MAY_16);
        assertThat(services.settings.status(programmeId).warnings()).extracting(Arrears.Warning::dueDate).containsExactly(MAY_15);
    }

    @Test
    void aClaimCheckOnTheMovedDueDate_stillCountsTheMonthAsPendingPayment_R05_R21() {
        String budi = mayRunUnpaid(List.of(MAY_15));
        on(LocalDate.of(2025, 5, 20));
        // R-21 judges the month as it stood on the event date: a death on the moved due date was before it had passed.
        ClaimCheck check = jkmDeathOn(budi, MAY_16);
        assertThat(check.assessment().reasons()).contains(ClaimReason.PAYMENT_PENDING).doesNotContain(ClaimReason.MONTH_NOT_PAID);
        assertThat(check.assessment().eligible()).isTrue();
    }

    @Test
    void theSameCheck_withoutTheHoliday_findsTheMonthUnpaid_R05_R21() {
        String budi = mayRunUnpaid(List.of());
        on(LocalDate.of(2025, 5, 20));
        assertThat(jkmDeathOn(budi, MAY_16).assessment().reasons()).containsExactly(ClaimReason.MONTH_NOT_PAID);
    }
}
