package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One person's registration in a programme and everything that happened to it. Immutable: every
 * decision returns a new value with its {@link StatusChange} appended, and {@code version} lets the
 * store refuse a write made from a stale read.
 *
 * @param waitlistedAt when the registration joined the waitlist; orders the waitlist
 * @param reEnrolledAs for a membership that lapsed for arrears: the registration that re-enrolled the person
 */
public record Registration(String id, String programmeId, Application application, RegistrationStatus status,
                           RegistrationSource source, OffsetDateTime submittedAt, LocalDate coverageStart,
                           LocalDate coverageEnd, OffsetDateTime waitlistedAt, EndReason endReason,
                           LocalDate endEffectiveDate, String rejectionReason, String kpj, String reEnrolledAs,
                           List<StatusChange> history, long version) {

    public Registration {
        history = List.copyOf(history);
    }

    /** A new application awaiting staff review. */
    public static Registration submitted(String id, String programmeId, Application application, RegistrationSource source,
                                         Actor actor, OffsetDateTime now) {
        StatusChange first = new StatusChange(now, actor.label(), null, RegistrationStatus.PENDING_REVIEW, "submitted via " + source);
        return new Registration(id, programmeId, application, RegistrationStatus.PENDING_REVIEW, source, now,
                null, null, null, null, null, null, null, null, List.of(first), 0);
    }

    /** When coverage was granted: the last change to ACTIVE; null while never ACTIVE. */
    public OffsetDateTime coverageGrantedAt() {
        OffsetDateTime granted = null;
        for (StatusChange change : history) {
            if (change.to() == RegistrationStatus.ACTIVE) {
                granted = change.at();
            }
        }
        return coverageStart == null ? null : granted;
    }

    public Nik nik() {
        return application.nik();
    }

    public String kecamatan() {
        return application.address().kecamatan();
    }

    /** Approved with a free place: covered from {@code coverageStart}. */
    public Registration activate(LocalDate coverageStart, Actor actor, OffsetDateTime now, String reason) {
        return new Registration(id, programmeId, application, RegistrationStatus.ACTIVE, source, submittedAt,
                coverageStart, null, null, null, null, null, kpj, reEnrolledAs, append(actor, now, RegistrationStatus.ACTIVE, reason), version);
    }

    /** Approved while the quota is full: waits in line for a freed place. */
    public Registration waitlist(Actor actor, OffsetDateTime now) {
        return new Registration(id, programmeId, application, RegistrationStatus.WAITLISTED, source, submittedAt,
                null, null, now, null, null, null, kpj, reEnrolledAs,
                append(actor, now, RegistrationStatus.WAITLISTED, "approved; quota full"), version);
    }

    public Registration reject(String reason, Actor actor, OffsetDateTime now) {
        return new Registration(id, programmeId, application, RegistrationStatus.REJECTED, source, submittedAt,
                null, null, null, null, null, reason, kpj, reEnrolledAs, append(actor, now, RegistrationStatus.REJECTED, reason), version);
    }

    /**
     * Ends the enrolment. Coverage runs to the end of the month in which it ended. A
     * registration ended before its coverage began was never covered: it keeps no coverage at all,
     * so no run bills it and no claim finds it covered.
     */
    public Registration end(EndReason reason, LocalDate effectiveDate, Actor actor, OffsetDateTime now) {
        LocalDate start = coverageStart;
        LocalDate end = start == null ? null : YearMonth.from(effectiveDate).atEndOfMonth();
        if (end != null && end.isBefore(start)) {
            start = null;
            end = null;
        }
        return new Registration(id, programmeId, application, RegistrationStatus.ENDED, source, submittedAt,
                start, end, null, reason, effectiveDate, null, kpj, reEnrolledAs,
                append(actor, now, RegistrationStatus.ENDED, reason.name() + " effective " + effectiveDate), version);
    }

    /**
     * more than three consecutive months in arrears ended the membership on {@code lapsedOn};
     * coverage ends with that month, and the person is not billed again until re-enrolled.
     */
    public Registration lapse(LocalDate lapsedOn, Actor actor, OffsetDateTime now) {
        Registration ended = end(EndReason.ARREARS, lapsedOn, actor, now);
        List<StatusChange> changes = new ArrayList<>(history);
        changes.add(new StatusChange(now, actor.label(), status, RegistrationStatus.ENDED,
                "membership lapsed on " + lapsedOn + ": more than three consecutive months in arrears (R-06)"));
        return new Registration(id, programmeId, application, ended.status, source, submittedAt, ended.coverageStart,
                ended.coverageEnd, null, EndReason.ARREARS, lapsedOn, null, kpj, null, changes, version);
    }

    /** Ended for arrears and not yet re-enrolled: staff re-enrol such people with one call. */
    public boolean awaitingReEnrolment() {
        return status == RegistrationStatus.ENDED && endReason == EndReason.ARREARS && reEnrolledAs == null;
    }

    /** The lapsed registration, noting the registration that re-enrolled the person. */
    public Registration reEnrolledAs(String newRegistrationId) {
        return new Registration(id, programmeId, application, status, source, submittedAt, coverageStart, coverageEnd,
                waitlistedAt, endReason, endEffectiveDate, rejectionReason, kpj, newRegistrationId, history, version);
    }

    /** Ended without ever having been covered: approved, then ended before its coverage started (or never approved). */
    public boolean neverCovered() {
        return status == RegistrationStatus.ENDED && coverageStart == null;
    }

    /**
     * a person's enrolment periods never overlap, so a month never has two lines for one
     * NIK. The first day of coverage that a new registration may have: {@code wanted}, or the month
     * after the latest coverage end of the person's {@code others}, whichever is later.
     */
    public static LocalDate coverageStartAfter(LocalDate wanted, Collection<Registration> others) {
        LocalDate start = wanted;
        for (Registration other : others) {
            if (other.coverageStart() != null && other.coverageEnd() != null && !other.coverageEnd().isBefore(start)) {
                start = other.coverageEnd().plusDays(1);
            }
        }
        return start;
    }

    /**
     * The KPJ number BPJS assigned, recorded without a status change: the monthly run copies
     * it onto later contribution lines and the bill.
     */
    public Registration withKpj(String kpjNumber) {
        return new Registration(id, programmeId, application, status, source, submittedAt, coverageStart, coverageEnd,
                waitlistedAt, endReason, endEffectiveDate, rejectionReason, kpjNumber, reEnrolledAs, history, version);
    }

    private List<StatusChange> append(Actor actor, OffsetDateTime now, RegistrationStatus to, String reason) {
        List<StatusChange> changes = new ArrayList<>(history);
        changes.add(new StatusChange(now, actor.label(), status, to, reason));
        return changes;
    }

    @Override
    public String toString() {
        return "Registration[id=" + id + ", status=" + status + ", " + application + "]";
    }
}
