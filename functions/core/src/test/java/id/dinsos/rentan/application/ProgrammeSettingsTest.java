package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.ContributionRate;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.port.ProgrammeStore;
import id.dinsos.rentan.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.List;

import static id.dinsos.rentan.testsupport.Fixtures.NEXT_MONTH;
import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Changing the programme's settings: a higher quota fills places from the waitlist; a lower one may not drop below ACTIVE. */
class ProgrammeSettingsTest extends ApplicationTestBase {

    private Programme withQuota(int quota) {
        return Fixtures.programme(programmeId, quota);
    }

    @Test
    void save_newProgramme_startsWithZeroCounts() {
        ProgrammeStore.Snapshot snapshot = services.settings.save(withQuota(5952), STAFF).snapshot();
        assertThat(snapshot.programme()).isEqualTo(withQuota(5952));
        assertThat(snapshot.counts().active()).isZero();
    }

    @Test
    void current_beforeSetUp_isProgrammeNotFound() {
        assertThatThrownBy(() -> services.settings.current(programmeId))
                .isInstanceOfSatisfying(Refusal.NotFound.class, e -> assertThat(e.code()).isEqualTo("PROGRAMME_NOT_FOUND"));
    }

    @Test
    void raisingTheQuota_promotesWaitlistedRegistrationsInOrder_R17() {
        setUpProgramme(1);
        submitAndApprove(1);
        List<RegistrationView> waiting = List.of(submitAndApprove(2), submitAndApprove(3), submitAndApprove(4));

        ProgrammeStore.Snapshot snapshot = services.settings.save(withQuota(3), STAFF).snapshot();

        assertThat(snapshot.counts().active()).isEqualTo(3);
        assertThat(snapshot.counts().of(RegistrationStatus.WAITLISTED)).isEqualTo(1);
        assertThat(stored(waiting.get(0).registration().id()).status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(stored(waiting.get(0).registration().id()).coverageStart()).isEqualTo(NEXT_MONTH);
        assertThat(stored(waiting.get(1).registration().id()).status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(services.find.get(waiting.get(2).registration().id()).waitlistPosition()).isEqualTo(1);
    }

    @Test
    void raisingTheQuotaBeyondTheWaitlist_promotesEveryone_R17() {
        setUpProgramme(1);
        submitAndApprove(1);
        submitAndApprove(2);
        ProgrammeStore.Snapshot snapshot = services.settings.save(withQuota(10), STAFF).snapshot();
        assertThat(snapshot.counts().active()).isEqualTo(2);
        assertThat(snapshot.counts().of(RegistrationStatus.WAITLISTED)).isZero();
    }

    @Test
    void loweringTheQuotaBelowActive_isQuotaBelowActiveCount_andKeepsTheOldSettings_R17() {
        setUpProgramme(3);
        submitAndApprove(1);
        submitAndApprove(2);
        assertThatThrownBy(() -> services.settings.save(withQuota(1), STAFF))
                .isInstanceOfSatisfying(Refusal.RuleViolation.class, e -> assertThat(e.code()).isEqualTo("QUOTA_BELOW_ACTIVE_COUNT"));
        assertThat(services.settings.current(programmeId).programme().quota()).isEqualTo(3);
        assertThat(counts().active()).isEqualTo(2);
    }

    @Test
    void loweringTheQuotaToActive_isAllowed_andLaterApprovalsWait_R17() {
        setUpProgramme(3);
        submitAndApprove(1);
        submitAndApprove(2);
        assertThat(services.settings.save(withQuota(2), STAFF).snapshot().programme().quota()).isEqualTo(2);
        assertThat(submitAndApprove(3).registration().status()).isEqualTo(RegistrationStatus.WAITLISTED);
    }

    private Programme withRates(ContributionRate... rates) {
        Programme p = withQuota(10);
        return new Programme(p.id(), p.name(), p.quota(), p.kecamatan(), p.eligibleOccupations(), p.dtsenMaxDecile(),
                p.minAge(), p.maxAge(), p.coverageStartDelayMonths(), List.of(rates), p.budgets(), p.holidays(), p.wadahCode());
    }

    @Test
    void rateRow_isRefused_whenJkkIsNotOnePercentOfDeclaredIncome_andTheStoredSettingsStay_R01() {
        setUpProgramme(10);
        Programme badRow = withRates(new ContributionRate(YearMonth.of(2025, 1), 1_000_000, 10_000, 6_800),
                new ContributionRate(YearMonth.of(2026, 1), 2_000_000, 15_000, 6_800));

        assertThatThrownBy(() -> services.settings.save(badRow, STAFF))
                .isInstanceOfSatisfying(Refusal.RuleViolation.class, e -> {
                    assertThat(e.code()).isEqualTo("JKK_NOT_ONE_PERCENT_OF_INCOME");
                    assertThat(e.getMessage()).contains("2026-01").doesNotContain("2025-01");
                });
        assertThat(services.settings.current(programmeId).programme()).isEqualTo(withQuota(10));
    }

    @Test
    void rateRow_isRefused_whenJkkIsNotOnePercentOfDeclaredIncome_evenForANewProgramme_R01() {
        assertThatThrownBy(() -> services.settings.save(withRates(new ContributionRate(YearMonth.of(2025, 1), 1_000_050, 10_000, 6_800)), STAFF))
                .isInstanceOfSatisfying(Refusal.RuleViolation.class, e -> assertThat(e.code()).isEqualTo("JKK_NOT_ONE_PERCENT_OF_INCOME"));
        assertThatThrownBy(() -> services.settings.current(programmeId)).isInstanceOf(Refusal.NotFound.class);
    }

    @Test
    void rateRows_eachWithTheirOwnIncome_areSaved_R01_R04() {
        Programme twoIncomes = withRates(new ContributionRate(YearMonth.of(2025, 1), 1_000_000, 10_000, 6_800),
                new ContributionRate(YearMonth.of(2026, 1), 2_000_000, 20_000, 6_800));
        assertThat(services.settings.save(twoIncomes, STAFF).snapshot().programme()).isEqualTo(twoIncomes);
        assertThat(services.settings.current(programmeId).programme().rateFor(YearMonth.of(2026, 3)).orElseThrow().declaredIncome())
                .isEqualTo(2_000_000L);
    }

    @Test
    void settingsOutsideTheirBounds_areRefusedBeforeAnythingIsStored_evenWhenNotFromJson_R04() {
        setUpProgramme(10);
        Programme before = services.settings.current(programmeId).programme();
        Programme year10000 = withRates(new ContributionRate(YearMonth.of(2025, 1), 1_000_000, 10_000, 6_800),
                new ContributionRate(YearMonth.of(10_000, 1), 100, 1, 1));

        assertThatThrownBy(() -> services.settings.save(year10000, STAFF))
                .isInstanceOfSatisfying(Refusal.Invalid.class, e -> {
                    assertThat(e.code()).isEqualTo("VALIDATION_FAILED");
                    assertThat(e.errors()).extracting(Refusal.FieldError::field).containsExactly("rates");
                    assertThat(e.errors().get(0).message()).contains("10000-01");
                });
        assertThat(services.settings.current(programmeId).programme()).isEqualTo(before);
    }

    @Test
    void settingsAtTheirBounds_areSaved_andReadBackAsTheyWere() {
        Programme bounds = withRates(new ContributionRate(YearMonth.of(2000, 1), 10_000_000_000L, 100_000_000, 100_000_000),
                new ContributionRate(YearMonth.of(2100, 12), 100, 1, 1));
        assertThat(services.settings.save(bounds, STAFF).snapshot().programme()).isEqualTo(bounds);
        assertThat(services.settings.current(programmeId).programme()).isEqualTo(bounds);
    }
}
