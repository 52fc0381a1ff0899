package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.EndReason;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.port.Metrics;
import id.dinsos.rentan.port.RegistrationStore;
import id.dinsos.rentan.port.RegistrationStore.Change;
import id.dinsos.rentan.port.RegistrationStore.QuotaGuard;
import id.dinsos.rentan.port.RegistrationStore.WriteResult;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Ends an enrolment and hands its place to the head of the waitlist in the same transaction. */
public final class EndRegistration {
    private static final int MAX_ATTEMPTS = 10;

    private final RegistrationStore registrations;
    private final Waitlist waitlist;
    private final FindRegistrations find;
    private final Clock clock;
    private final Metrics metrics;

    public EndRegistration(RegistrationStore registrations, Waitlist waitlist, FindRegistrations find, Clock clock) {
        this(registrations, waitlist, find, clock, Metrics.NONE);
    }

    public EndRegistration(RegistrationStore registrations, Waitlist waitlist, FindRegistrations find, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.registrations = registrations;
        this.waitlist = waitlist;
        this.find = find;
        this.clock = clock;
    }

    /** The ended registration, and the one promoted into its place if the waitlist had one. */
    public record Outcome(RegistrationView ended, Optional<RegistrationView> promoted) {
    }

    /**
     * Ends an ACTIVE or WAITLISTED registration. Coverage runs to the end of the month of
     * {@code effectiveDate}. An ACTIVE place goes to the longest-waiting registration, in
     * one transaction with the end, so the place is never lost or given twice.
     */
    public Outcome end(String id, EndReason reason, LocalDate effectiveDate, Actor actor) {
        OffsetDateTime now = ProgrammeTime.now(clock);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            // An unknown registration is 404 and a wrong status 409 before any rule on the request (422).
            Registration current = find.require(id);
            DecideRegistration.requireStatus(current, EnumSet.of(RegistrationStatus.ACTIVE, RegistrationStatus.WAITLISTED), "ended");
            if (effectiveDate.isAfter(now.toLocalDate())) {
                throw new Refusal.RuleViolation("EFFECTIVE_DATE_IN_FUTURE",
                        "An enrolment can be ended only from today or an earlier date.");
            }
            // Nothing existed to end before the registration was submitted, unless a decree dated its coverage back.
            LocalDate submitted = current.submittedAt().atZoneSameInstant(ProgrammeTime.ZONE).toLocalDate();
            LocalDate earliest = current.coverageStart() != null && current.coverageStart().isBefore(submitted)
                    ? current.coverageStart() : submitted;
            if (effectiveDate.isBefore(earliest)) {
                throw new Refusal.RuleViolation("EFFECTIVE_DATE_BEFORE_SUBMISSION",
                        "An enrolment cannot end before the registration was submitted (" + submitted + ")"
                                + (earliest.equals(submitted) ? "." : " or its coverage began (" + earliest + ")."));
            }
            Registration ended = current.end(reason, effectiveDate, actor, now);
            List<Change> changes = new ArrayList<>(List.of(new Change(current, ended)));
            Registration promoted = null;
            if (current.status() == RegistrationStatus.ACTIVE) {
                Optional<Registration> head = registrations.waitlistHead(current.programmeId());
                if (head.isPresent()) {
                    promoted = waitlist.promote(head.get(), "promoted from the waitlist: place freed by registration " + id, actor);
                    changes.add(new Change(head.get(), promoted));
                }
            }
            if (registrations.write(changes, QuotaGuard.NONE) instanceof WriteResult.Written) {
                metrics.count("Registrations", 1, current.programmeId(), "Outcome", "ENDED");
                if (promoted != null) {
                    metrics.count("Registrations", 1, current.programmeId(), "Outcome", "ACTIVE");
                }
                return new Outcome(find.view(ended), Optional.ofNullable(promoted).map(find::view));
            }
        }
        throw DecideRegistration.busy();
    }
}
