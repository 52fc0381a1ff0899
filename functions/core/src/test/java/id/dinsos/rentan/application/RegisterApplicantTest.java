package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Address;
import id.dinsos.rentan.domain.Application;
import id.dinsos.rentan.domain.IneligibilityReason;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationSource;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.Sex;
import id.dinsos.rentan.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static id.dinsos.rentan.testsupport.Fixtures.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Applications: checked by rule (R-10..R-15), one live registration per NIK. */
class RegisterApplicantTest extends ApplicationTestBase {

    @Test
    void eligibleApplication_isStoredPendingReview() {
        setUpProgramme(10);
        Registration r = services.register.submit(programmeId, Fixtures.siti(), RegistrationSource.PORTAL, PORTAL);
        assertThat(r.status()).isEqualTo(RegistrationStatus.PENDING_REVIEW);
        assertThat(stored(r.id()).application()).isEqualTo(Fixtures.siti());
        assertThat(count(RegistrationStatus.PENDING_REVIEW)).isEqualTo(1);
    }

    @Test
    void kecamatan_isStoredInTheProgrammesSpelling_R12() {
        setUpProgramme(10);
        Application a = Fixtures.siti();
        Application shouted = new Application(a.nik(), a.fullName(), a.birthDate(), a.sex(), a.phone(),
                new Address(a.address().street(), a.address().kelurahan(), "  KARAWACI "), a.occupation(), a.dtsen(), a.disability());
        Registration r = services.register.submit(programmeId, shouted, RegistrationSource.PORTAL, PORTAL);
        assertThat(stored(r.id()).kecamatan()).isEqualTo("Karawaci");
    }

    @Test
    void ineligibleApplication_isRefusedWithEveryReason_andNothingIsStored_R10_R12() {
        setUpProgramme(10);
        Application a = Fixtures.siti();
        Application wrong = new Application(a.nik(), a.fullName(), LocalDate.of(1985, 7, 6), Sex.M, a.phone(),
                new Address("Jl. Citarum 10", "Citarum", "Bandung Wetan"), a.occupation(), a.dtsen(), false);
        assertThatThrownBy(() -> services.register.submit(programmeId, wrong, RegistrationSource.PORTAL, PORTAL))
                .isInstanceOfSatisfying(Refusal.Ineligible.class, e -> assertThat(e.reasons()).containsExactlyInAnyOrder(
                        IneligibilityReason.NIK_BIRTH_DATE_MISMATCH, IneligibilityReason.NIK_SEX_MISMATCH,
                        IneligibilityReason.KECAMATAN_NOT_IN_PROGRAMME));
        assertThat(services.registrations.findByNik(programmeId, a.nik())).isEmpty();
        assertThat(count(RegistrationStatus.PENDING_REVIEW)).isZero();
    }

    @Test
    void secondApplicationOfALiveNik_isAlreadyRegistered_R16() {
        setUpProgramme(10);
        services.register.submit(programmeId, Fixtures.siti(), RegistrationSource.PORTAL, PORTAL);
        assertThatThrownBy(() -> services.register.submit(programmeId, Fixtures.siti(), RegistrationSource.STAFF, Fixtures.STAFF))
                .isInstanceOfSatisfying(Refusal.Conflict.class, e -> assertThat(e.code()).isEqualTo("ALREADY_REGISTERED"));
        assertThat(count(RegistrationStatus.PENDING_REVIEW)).isEqualTo(1);
    }

    @Test
    void application_beforeTheProgrammeIsSetUp_isProgrammeNotFound() {
        assertThatThrownBy(() -> services.register.submit(programmeId, Fixtures.siti(), RegistrationSource.PORTAL, PORTAL))
                .isInstanceOfSatisfying(Refusal.NotFound.class, e -> assertThat(e.code()).isEqualTo("PROGRAMME_NOT_FOUND"));
    }
}
