package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.StatusChange;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static id.dinsos.rentan.testsupport.Fixtures.NEXT_MONTH;
import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Staff approve (ACTIVE or WAITLISTED) and reject applications. */
class DecideRegistrationTest extends ApplicationTestBase {

    @Test
    void approve_withAFreePlace_isActiveFromTheFirstOfNextMonth_R20() {
        setUpProgramme(2);
        RegistrationView view = submitAndApprove(1);
        assertThat(view.registration().status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(view.registration().coverageStart()).isEqualTo(NEXT_MONTH);
        assertThat(view.waitlistPosition()).isZero();
        assertThat(stored(view.registration().id()).history()).extracting(StatusChange::to, StatusChange::by)
                .last().isEqualTo(org.assertj.core.groups.Tuple.tuple(RegistrationStatus.ACTIVE, "staff:petugas.dinsos"));
        assertThat(counts().active()).isEqualTo(1);
    }

    @Test
    void approve_inDecember_isCoveredFromJanuary_R20() {
        setUpProgramme(2);
        Clock december = Clock.fixed(Instant.parse("2025-12-31T16:30:00Z"), ZoneId.of("UTC")); // 23:30 on 31 Dec in Jakarta
        DecideRegistration decide = new DecideRegistration(services.programmes, services.registrations, services.find,
                new Waitlist(services.programmes, services.registrations, december), december);
        RegistrationView view = decide.approve(submit(1).id(), STAFF);
        assertThat(view.registration().coverageStart()).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void approve_justAfterMidnightInJakarta_countsAsTheJakartaDate_R20() {
        setUpProgramme(2);
        Clock newYear = Clock.fixed(Instant.parse("2025-12-31T17:30:00Z"), ZoneId.of("UTC")); // 00:30 on 1 Jan 2026 in Jakarta
        DecideRegistration decide = new DecideRegistration(services.programmes, services.registrations, services.find,
                new Waitlist(services.programmes, services.registrations, newYear), newYear);
        RegistrationView view = decide.approve(submit(1).id(), STAFF);
        assertThat(view.registration().coverageStart()).isEqualTo(LocalDate.of(2026, 2, 1));
    }

    @Test
    void approve_waitlists_whenQuotaIsFull_R17() {
        setUpProgramme(1);
        submitAndApprove(1);
        RegistrationView second = submitAndApprove(2);
        RegistrationView third = submitAndApprove(3);
        assertThat(second.registration().status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(second.registration().coverageStart()).isNull();
        assertThat(second.waitlistPosition()).isEqualTo(1);
        assertThat(third.waitlistPosition()).isEqualTo(2);
        assertThat(counts().active()).isEqualTo(1);
        assertThat(count(RegistrationStatus.WAITLISTED)).isEqualTo(2);
    }

    @Test
    void approve_twice_isInvalidStatusTransition() {
        setUpProgramme(2);
        RegistrationView view = submitAndApprove(1);
        assertThatThrownBy(() -> services.decide.approve(view.registration().id(), STAFF))
                .isInstanceOfSatisfying(Refusal.Conflict.class, e -> assertThat(e.code()).isEqualTo("INVALID_STATUS_TRANSITION"));
        assertThat(counts().active()).isEqualTo(1);
    }

    @Test
    void approve_unknownRegistration_isRegistrationNotFound() {
        setUpProgramme(2);
        assertThatThrownBy(() -> services.decide.approve("00000000-0000-4000-8000-000000000001", STAFF))
                .isInstanceOfSatisfying(Refusal.NotFound.class, e -> assertThat(e.code()).isEqualTo("REGISTRATION_NOT_FOUND"));
    }

    @Test
    void reject_pendingOrWaitlisted_keepsTheReason_andFreesTheNik_R16() {
        setUpProgramme(1);
        submitAndApprove(1);
        Registration pending = submit(2);
        RegistrationView waiting = submitAndApprove(3);

        RegistrationView rejected = services.decide.reject(pending.id(), "Dokumen KTP tidak terbaca", STAFF);
        assertThat(rejected.registration().status()).isEqualTo(RegistrationStatus.REJECTED);
        assertThat(rejected.registration().rejectionReason()).isEqualTo("Dokumen KTP tidak terbaca");
        services.decide.reject(waiting.registration().id(), "pindah domisili", STAFF);

        assertThat(count(RegistrationStatus.REJECTED)).isEqualTo(2);
        assertThat(count(RegistrationStatus.WAITLISTED)).isZero();
        assertThat(submit(2).status()).isEqualTo(RegistrationStatus.PENDING_REVIEW);
    }

    @Test
    void reject_anActiveRegistration_isInvalidStatusTransition() {
        setUpProgramme(1);
        RegistrationView active = submitAndApprove(1);
        assertThatThrownBy(() -> services.decide.reject(active.registration().id(), "x", STAFF))
                .isInstanceOfSatisfying(Refusal.Conflict.class, e -> assertThat(e.code()).isEqualTo("INVALID_STATUS_TRANSITION"));
    }
}
