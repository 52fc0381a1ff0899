package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.AccidentOutcome;
import id.dinsos.rentan.domain.BudgetAllocation;
import id.dinsos.rentan.domain.ClaimAssessment;
import id.dinsos.rentan.domain.ClaimCheck;
import id.dinsos.rentan.domain.ClaimReason;
import id.dinsos.rentan.domain.ClaimRequest;
import id.dinsos.rentan.domain.ClaimRules;
import id.dinsos.rentan.domain.ClaimType;
import id.dinsos.rentan.domain.ContributionRate;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.Refusal;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * on DynamoDB Local: the declared income belongs to the rate row, and a JKK check
 * uses the income of the row in force in the accident's month, so adding a later row with a higher
 * income never changes the benefits of an earlier accident.
 */
class DeclaredIncomeByRateRowTest extends ApplicationTestBase {
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final Instant JULY_20_2025 = Instant.parse("2025-07-20T02:00:00Z");
    private static final Instant FEBRUARY_10_2026 = Instant.parse("2026-02-10T02:00:00Z");
    private static final ContributionRate RATE_2025 = new ContributionRate(YearMonth.of(2025, 1), 1_000_000, 10_000, 6_800);
    private static final ContributionRate RATE_2026 = new ContributionRate(YearMonth.of(2026, 1), 2_000_000, 20_000, 6_800);
    private static final LocalDate ACCIDENT_2025 = LocalDate.of(2025, 7, 10);

    private Clock clock;

    /** The use cases, with the programme clock at {@code instant}; same table and programme. */
    private void at(Instant instant) {
        clock = TickingClock.startingAt(instant, Duration.ofMillis(1), JAKARTA);
        services = new Services(client, table, clock);
    }

    private CheckClaim checkClaim() {
        return new CheckClaim(services.programmes, services.registrations, new Ledger(services.ledgerStore, clock),
                new DynamoDbClaimCheckStore(client, table), ClaimRules.TABLE, clock);
    }

    private Programme programme(ContributionRate... rates) {
        Programme base = Fixtures.programme(programmeId, 100);
        return new Programme(programmeId, base.name(), base.quota(), base.kecamatan(), base.eligibleOccupations(),
                base.dtsenMaxDecile(), base.minAge(), base.maxAge(), base.coverageStartDelayMonths(), List.of(rates),
                List.of(new BudgetAllocation(2025, 1_199_923_200L), new BudgetAllocation(2026, 1_199_923_200L)), List.of(), base.wadahCode());
    }

    /** Budi, covered from April 2025 by decree; April..July 2025 run and paid on the 10th. */
    private String enrolBudiPaidAprilToJuly2025() {
        at(JULY_20_2025);
        services.settings.save(programme(RATE_2025), STAFF);
        ImportDecreeList.Result imported = services.importList.run(programmeId,
                List.of(new DecreeRow(2, Fixtures.nik(1).value(), Fixtures.applicant(1), LocalDate.of(2025, 4, 1), List.of())), STAFF);
        assertThat(imported.accepted()).isEqualTo(1);
        for (int m = 4; m <= 7; m++) {
            YearMonth month = YearMonth.of(2025, m);
            services.runMonth.run(programmeId, month, false, 1, STAFF);
            services.payments.pay(programmeId, month, month.atDay(10), "SP2D-" + month, STAFF);
        }
        return imported.rows().get(0).registrationId();
    }

    private ClaimCheck jkkDeath(String registrationId, LocalDate accident) {
        return checkClaim().check(programmeId, registrationId, null,
                new ClaimRequest(ClaimType.JKK, accident, "kecelakaan di jalan", AccidentOutcome.DEATH, null, null, null), STAFF);
    }

    private static long amountOf(ClaimCheck check, String code) {
        return check.assessment().benefits().stream().filter(b -> b.code().equals(code)).findFirst()
                .map(ClaimAssessment.Benefit::amount).orElseThrow(() -> new AssertionError("no benefit " + code));
    }

    @Test
    void jkkDeathIn2025_keepsItsRp48MillionBenefit_afterA2026RowWithIncome2Million_isAdded_R01_R04_R33() {
        String budi = enrolBudiPaidAprilToJuly2025();
        ClaimCheck before = jkkDeath(budi, ACCIDENT_2025);
        assertThat(before.assessment().eligible()).isTrue();
        assertThat(amountOf(before, "JKK_DEATH")).isEqualTo(48_000_000L);

        at(FEBRUARY_10_2026);
        services.settings.save(programme(RATE_2025, RATE_2026), STAFF);
        ClaimCheck after = jkkDeath(budi, ACCIDENT_2025);

        assertThat(after.assessment().eligible()).isTrue();
        assertThat(amountOf(after, "JKK_DEATH")).isEqualTo(48_000_000L);
        assertThat(after.assessment().total()).isEqualTo(before.assessment().total());
    }

    @Test
    void jkkDeathInJanuary2026_usesThe2026RowsIncome_R01_R33() {
        String budi = enrolBudiPaidAprilToJuly2025();
        at(FEBRUARY_10_2026);
        services.settings.save(programme(RATE_2025, RATE_2026), STAFF);
        YearMonth january = YearMonth.of(2026, 1);
        services.runMonth.run(programmeId, january, false, 1, STAFF);
        services.payments.pay(programmeId, january, january.atDay(10), "SP2D-2026-01", STAFF);

        ClaimCheck check = jkkDeath(budi, LocalDate.of(2026, 1, 20));

        assertThat(check.assessment().eligible()).isTrue();
        assertThat(amountOf(check, "JKK_DEATH")).isEqualTo(48 * 2_000_000L);
    }

    @Test
    void jkkCheck_inAMonthWithoutARateRow_isNoRateForMonth_butAJkmCheckIsStillAnswered_R04() {
        at(JULY_20_2025);
        services.settings.save(programme(new ContributionRate(YearMonth.of(2025, 6), 1_000_000, 10_000, 6_800)), STAFF);
        String budi = services.importList.run(programmeId,
                List.of(new DecreeRow(2, Fixtures.nik(1).value(), Fixtures.applicant(1), LocalDate.of(2025, 4, 1), List.of())), STAFF)
                .rows().get(0).registrationId();
        LocalDate inMay = LocalDate.of(2025, 5, 10);

        assertThatThrownBy(() -> jkkDeath(budi, inMay))
                .isInstanceOfSatisfying(Refusal.RuleViolation.class, e -> {
                    assertThat(e.code()).isEqualTo("NO_RATE_FOR_MONTH");
                    assertThat(e.getMessage()).contains("2025-05");
                });
        // JKM amounts are fixed: the check is answered from the ledger, where May was never charged.
        ClaimCheck jkm = checkClaim().check(programmeId, budi, null,
                new ClaimRequest(ClaimType.JKM, inMay, null, null, null, null, null), STAFF);
        assertThat(jkm.assessment().eligible()).isFalse();
        assertThat(jkm.assessment().reasons()).containsExactly(ClaimReason.MONTH_NOT_PAID);
    }
}
