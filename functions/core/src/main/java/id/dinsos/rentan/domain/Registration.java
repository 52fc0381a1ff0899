package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * One person's registration in a programme and everything that happened to it. Immutable: every
 * decision returns a new value with its {@link StatusChange} appended, and {@code version} lets the
 * store refuse a write made from a stale read.
 *
 * @param waitlistedAt when the registration joined the waitlist; orders the waitlist
 */
public record Registration(String id, String programmeId, Application application, RegistrationStatus status,
                           RegistrationSource source, OffsetDateTime submittedAt, LocalDate coverageStart,
                           LocalDate coverageEnd, OffsetDateTime waitlistedAt, EndReason endReason,
                           LocalDate endEffectiveDate, String rejectionReason, String kpj,
                           List<StatusChange> history, long version) {

    public Registration {
        history = List.copyOf(history);
    }

    /** A new application awaiting staff review. */
    public static Registration submitted(String id, String programmeId, Application application, RegistrationSource source,
                                         Actor actor, OffsetDateTime now) {
        StatusChange first = new StatusChange(now, actor.label(), null, RegistrationStatus.PENDING_REVIEW, "submitted via " + source);
        return new Registration(id, programmeId, application, RegistrationStatus.PENDING_REVIEW, source, now,
                null, null, null, null, null, null, null, List.of(first), 0);
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
                coverageStart, null, null, null, null, null, kpj, append(actor, now, RegistrationStatus.ACTIVE, reason), version);
    }

    /** Approved while the quota is full: waits in line for a freed place. */
    public Registration waitlist(Actor actor, OffsetDateTime now) {
        return new Registration(id, programmeId, application, RegistrationStatus.WAITLISTED, source, submittedAt,
                null, null, now, null, null, null, kpj,
                append(actor, now, RegistrationStatus.WAITLISTED, "approved; quota full"), version);
    }

    public Registration reject(String reason, Actor actor, OffsetDateTime now) {
        return new Registration(id, programmeId, application, RegistrationStatus.REJECTED, source, submittedAt,
                null, null, null, null, null, reason, kpj, append(actor, now, RegistrationStatus.REJECTED, reason), version);
    }

    /**
     * Ends the enrolment. Coverage runs to the end of the month in which it ended; a
     * registration ended before its coverage began was never covered, so it has no coverage end.
     */
    public Registration end(EndReason reason, LocalDate effectiveDate, Actor actor, OffsetDateTime now) {
        LocalDate end = coverageStart == null ? null : YearMonth.from(effectiveDate).atEndOfMonth();
        if (end != null && end.isBefore(coverageStart)) {
            end = null;
        }
        return new Registration(id, programmeId, application, RegistrationStatus.ENDED, source, submittedAt,
                coverageStart, end, null, reason, effectiveDate, null, kpj,
                append(actor, now, RegistrationStatus.ENDED, reason.name() + " effective " + effectiveDate), version);
    }

    /**
     * The KPJ number BPJS assigned, recorded without a status change: the monthly run copies
     * it onto later contribution lines and the bill.
     */
    public Registration withKpj(String kpjNumber) {
        return new Registration(id, programmeId, application, status, source, submittedAt, coverageStart, coverageEnd,
                waitlistedAt, endReason, endEffectiveDate, rejectionReason, kpjNumber, history, version);
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
