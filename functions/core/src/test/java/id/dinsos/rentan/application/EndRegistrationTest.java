package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.EndReason;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.StatusChange;
import id.dinsos.rentan.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static id.dinsos.rentan.testsupport.Fixtures.NEXT_MONTH;
import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static id.dinsos.rentan.testsupport.Fixtures.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ending an enrolment frees its place for the head of the waitlist, in the same write. */
class EndRegistrationTest extends ApplicationTestBase {

    @Test
    void end_promotesTheWaitlistHead_inTheSameWrite_R17() {
        setUpProgramme(1);
        RegistrationView active = submitAndApprove(1);
        RegistrationView first = submitAndApprove(2);
        RegistrationView second = submitAndApprove(3);
        long activeBefore = counts().active();

        EndRegistration.Outcome outcome = services.end.end(active.registration().id(), EndReason.BECAME_WAGE_EARNER, TODAY, STAFF);

        assertThat(outcome.ended().registration().status()).isEqualTo(RegistrationStatus.ENDED);
        assertThat(outcome.ended().registration().coverageEnd()).isNull(); // ended before coverage started on 1 April
        assertThat(outcome.promoted()).isPresent();
        Registration promoted = stored(first.registration().id());
        assertThat(outcome.promoted().get().registration().id()).isEqualTo(promoted.id());
        assertThat(promoted.status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(promoted.coverageStart()).isEqualTo(NEXT_MONTH);
        assertThat(promoted.history()).last().extracting(StatusChange::from, StatusChange::reason)
                .containsExactly(RegistrationStatus.WAITLISTED,
                        "promoted from the waitlist: place freed by registration " + active.registration().id());
        assertThat(stored(active.registration().id()).endReason()).isEqualTo(EndReason.BECAME_WAGE_EARNER);

        assertThat(counts().active()).isEqualTo(activeBefore).isEqualTo(1);
        assertThat(count(RegistrationStatus.WAITLISTED)).isEqualTo(1);
        assertThat(count(RegistrationStatus.ENDED)).isEqualTo(1);
        assertThat(services.find.get(second.registration().id()).waitlistPosition()).isEqualTo(1);
    }

    @Test
    void end_setsCoverageEndToTheEndOfTheEffectiveMonth_R20() {
        setUpProgramme(1);
        RegistrationView active = submitAndApprove(1); // covered from 2025-04-01
        // Six weeks later the person dies; staff record it on 12 May.
        EndRegistration later = new EndRegistration(services.registrations, services.waitlist, services.find,
                java.time.Clock.fixed(java.time.Instant.parse("2025-05-12T03:00:00Z"), id.dinsos.rentan.domain.ProgrammeTime.ZONE));
        EndRegistration.Outcome outcome = later.end(active.registration().id(), EndReason.DIED, LocalDate.of(2025, 5, 10), STAFF);
        assertThat(outcome.ended().registration().coverageEnd()).isEqualTo(LocalDate.of(2025, 5, 31));
        assertThat(outcome.promoted()).isEmpty();
        assertThat(counts().active()).isZero();
    }

    @Test
    void end_withoutAWaitlist_freesThePlace_R17() {
        setUpProgramme(1);
        RegistrationView active = submitAndApprove(1);
        assertThat(services.end.end(active.registration().id(), EndReason.MOVED_AWAY, TODAY, STAFF).promoted()).isEmpty();
        assertThat(counts().active()).isZero();
        assertThat(submitAndApprove(2).registration().status()).isEqualTo(RegistrationStatus.ACTIVE);
    }

    @Test
    void end_ofAWaitlistedRegistration_promotesNobody_R17() {
        setUpProgramme(1);
        submitAndApprove(1);
        RegistrationView first = submitAndApprove(2);
        RegistrationView second = submitAndApprove(3);
        EndRegistration.Outcome outcome = services.end.end(first.registration().id(), EndReason.WITHDREW, TODAY, STAFF);
        assertThat(outcome.promoted()).isEmpty();
        assertThat(counts().active()).isEqualTo(1);
        assertThat(services.find.get(second.registration().id()).waitlistPosition()).isEqualTo(1);
    }

    @Test
    void end_withAFutureEffectiveDate_isRefused_andChangesNothing() {
        setUpProgramme(1);
        RegistrationView active = submitAndApprove(1);
        assertThatThrownBy(() -> services.end.end(active.registration().id(), EndReason.MOVED_AWAY, TODAY.plusDays(1), STAFF))
                .isInstanceOfSatisfying(Refusal.RuleViolation.class, e -> assertThat(e.code()).isEqualTo("EFFECTIVE_DATE_IN_FUTURE"));
        assertThat(stored(active.registration().id()).status()).isEqualTo(RegistrationStatus.ACTIVE);
    }

    @Test
    void end_ofAnUnknownRegistration_isNotFound_evenWithAFutureDate() {
        setUpProgramme(1);
        assertThatThrownBy(() -> services.end.end("00000000-0000-4000-8000-000000000001", EndReason.MOVED_AWAY,
                TODAY.plusMonths(2), STAFF))
                .isInstanceOfSatisfying(Refusal.NotFound.class, e -> assertThat(e.code()).isEqualTo("REGISTRATION_NOT_FOUND"));
    }

    @Test
    void end_ofAPendingRegistration_isInvalidStatusTransition() {
        setUpProgramme(1);
        Registration pending = submit(1);
        assertThatThrownBy(() -> services.end.end(pending.id(), EndReason.WITHDREW, TODAY, STAFF))
                .isInstanceOfSatisfying(Refusal.Conflict.class, e -> assertThat(e.code()).isEqualTo("INVALID_STATUS_TRANSITION"));
    }

    @Test
    void metrics_countEachRegistrationOutcome_byProgrammeOnly_neverByPerson() {
        setUpProgramme(1);
        RegistrationView active = submitAndApprove(1);
        RegistrationView waiting = submitAndApprove(2);
        Registration rejected = submit(3);
        services.decide.reject(rejected.id(), "duplicate application", STAFF);
        services.end.end(active.registration().id(), EndReason.MOVED_AWAY, TODAY, STAFF); // promotes the waitlist head
        String p = "Registrations=1 {Programme=" + programmeId + ", Outcome=";
        assertThat(metrics.counted()).containsExactly(
                p + "SUBMITTED}", p + "ACTIVE}",
                p + "SUBMITTED}", p + "WAITLISTED}",
                p + "SUBMITTED}", p + "REJECTED}",
                p + "ENDED}", p + "ACTIVE}");
        assertThat(String.join(" ", metrics.counted())).doesNotContain(Fixtures.nik(1).value()).doesNotContain(waiting.registration().id());
    }
}
