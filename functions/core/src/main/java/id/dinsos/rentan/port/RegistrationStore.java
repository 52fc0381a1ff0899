package id.dinsos.rentan.port;

import id.dinsos.rentan.domain.NameSearch;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationStatus;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registrations and the invariants that span them: one live registration per NIK and a
 * quota that is never exceeded. Every change is written through {@link #write}, which
 * applies a set of changes atomically or not at all.
 */
public interface RegistrationStore {

    Optional<Registration> find(String id);

    /** The NIK's live registration in the programme, if any. */
    Optional<Registration> findLive(String programmeId, Nik nik);

    /** The live registrations of many NIKs at once (the decree import), keyed by NIK. */
    Map<Nik, Registration> findLive(String programmeId, Collection<Nik> niks);

    /** Every registration the NIK ever had in the programme, newest first. */
    List<Registration> findByNik(String programmeId, Nik nik);

    /**
     * A page of registrations by status, kecamatan and name, status by status. WAITLISTED registrations
     * come in waitlist order, each with its position; the others by kecamatan, then oldest first.
     * With filters the store cannot key on (a name, a kecamatan on the waitlist) a page reads a bounded
     * number of registrations, so it may hold fewer than {@code limit} items, even none, and still have a
     * next cursor.
     */
    Page<Listed> list(Query query, int limit, String cursor);

    /** A listed registration and its place on the waitlist (1 for the head; 0 when it is not waitlisted). */
    record Listed(Registration registration, long waitlistPosition) {
    }

    /** The longest-waiting WAITLISTED registration, read consistently. */
    Optional<Registration> waitlistHead(String programmeId);

    /** 1 for the head of the waitlist; 0 when the registration is not waitlisted. */
    long waitlistPosition(Registration registration);

    /**
     * Writes all {@code changes} and the programme's counters in one transaction, or nothing.
     * A change with {@code before == null} creates a registration. The write fails, changing
     * nothing, when a NIK already has a live registration, a KPJ number given to one NIK is
     * already another NIK's, a registration changed since it was read, or the {@code guard} on
     * the quota does not hold.
     */
    default WriteResult write(List<Change> changes, QuotaGuard guard) {
        return write(changes, guard, ANY_SETTINGS);
    }

    /**
     * As {@link #write(List, QuotaGuard)}, and only while the programme's settings are still those of
     * {@code settingsVersion} ({@link ProgrammeStore.Snapshot#settingsVersion()}), the settings the changes
     * were decided on; otherwise nothing is written and the result is {@link WriteResult.SettingsChanged}.
     * {@link #ANY_SETTINGS} writes whatever the settings are.
     */
    default WriteResult write(List<Change> changes, QuotaGuard guard, long settingsVersion) {
        return write(changes, guard, settingsVersion, null);
    }

    /**
     * As {@link #write(List, QuotaGuard, long)}, and records {@code receipt} (the answer to the request
     * doing this work; null for none) in the same transaction, so that a retried request replays it.
     * When the receipt cannot be recorded with the work (the claim is gone, or the answer is too large
     * for one item) nothing is written and the result is {@link WriteResult.ReceiptRefused}: write again
     * without it, and record the answer afterwards.
     */
    WriteResult write(List<Change> changes, QuotaGuard guard, long settingsVersion, IdempotencyStore.Receipt receipt);

    /** For {@link #write(List, QuotaGuard, long)}: no condition on the settings. */
    long ANY_SETTINGS = -1;

    /** A registration as read ({@code before}, null when new) and as it should become ({@code after}). */
    record Change(Registration before, Registration after) {
        public static Change create(Registration created) {
            return new Change(null, created);
        }
    }

    /** A query for {@link #list}: every filter optional. */
    record Query(String programmeId, RegistrationStatus status, String kecamatan, NameSearch name) {
        public Query(String programmeId, RegistrationStatus status, String kecamatan) {
            this(programmeId, status, kecamatan, null);
        }
    }

    /** What must hold of the programme's ACTIVE count for the write to go through. */
    sealed interface QuotaGuard {
        /** No place is taken. */
        record None() implements QuotaGuard {
        }

        /** One place is taken: ACTIVE must be below the quota at the moment of writing. */
        record OnePlaceFree() implements QuotaGuard {
        }

        /** Several places are taken: ACTIVE and the quota must still be what the caller read. */
        record ActiveStillAt(long active, int quota) implements QuotaGuard {
        }

        QuotaGuard NONE = new None();
        QuotaGuard ONE_PLACE_FREE = new OnePlaceFree();
    }

    /** How a {@link #write} ended. Indices point into the list of changes. */
    sealed interface WriteResult {
        record Written() implements WriteResult {
        }

        record QuotaFull() implements WriteResult {
        }

        /** These changes would give a NIK a second live registration. */
        record NikTaken(List<Integer> changes) implements WriteResult {
        }

        /** These changes would give a KPJ number that another NIK already has. */
        record KpjTaken(List<Integer> changes) implements WriteResult {
        }

        /** These registrations changed since they were read: read again and decide again. */
        record Stale(List<Integer> changes) implements WriteResult {
        }

        /** The programme's settings were saved since they were read: read them again and decide again. */
        record SettingsChanged() implements WriteResult {
        }

        /** The receipt could not be recorded with the changes; nothing was written. */
        record ReceiptRefused() implements WriteResult {
        }

        WriteResult WRITTEN = new Written();
        WriteResult RECEIPT_REFUSED = new ReceiptRefused();
        WriteResult QUOTA_FULL = new QuotaFull();
        WriteResult SETTINGS_CHANGED = new SettingsChanged();
    }
}
