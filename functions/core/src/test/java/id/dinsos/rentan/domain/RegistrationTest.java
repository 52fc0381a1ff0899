package id.dinsos.rentan.domain;

import id.dinsos.rentan.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.time.OffsetDateTime;

import static id.dinsos.rentan.testsupport.Fixtures.NOW;
import static id.dinsos.rentan.testsupport.Fixtures.PORTAL;
import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

/** A registration's life: every decision appends a status change with who, when and why. */
class RegistrationTest {
    private static final OffsetDateTime LATER = NOW.plusDays(3);

    private static Registration submitted() {
        return Registration.submitted("reg-1", "kota-tangerang", Fixtures.siti(), RegistrationSource.PORTAL, PORTAL, NOW);
    }

    private static Registration active() {
        return submitted().activate(LocalDate.of(2025, 4, 1), STAFF, NOW, "approved");
    }

    @Test
    void submitted_isPendingReview_withOneHistoryEntryFromNothing() {
        Registration r = submitted();
        assertThat(r.status()).isEqualTo(RegistrationStatus.PENDING_REVIEW);
        assertThat(r.submittedAt()).isEqualTo(NOW);
        assertThat(r.version()).isZero();
        assertThat(r.history()).containsExactly(
                new StatusChange(NOW, "portal:portalclientexample", null, RegistrationStatus.PENDING_REVIEW, "submitted via PORTAL"));
    }

    @Test
    void activate_setsCoverageStart_andAppendsHistory_R20() {
        Registration before = submitted();
        Registration r = before.activate(LocalDate.of(2025, 4, 1), STAFF, LATER, "approved");
        assertThat(r.status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(r.coverageStart()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(r.coverageEnd()).isNull();
        assertThat(r.history()).hasSize(2);
        assertThat(r.history().get(1)).isEqualTo(
                new StatusChange(LATER, "staff:petugas.dinsos", RegistrationStatus.PENDING_REVIEW, RegistrationStatus.ACTIVE, "approved"));
        // Immutable: the value it came from is unchanged.
        assertThat(before.status()).isEqualTo(RegistrationStatus.PENDING_REVIEW);
        assertThat(before.history()).hasSize(1);
    }

    @Test
    void waitlist_recordsWhenItJoinedTheLine_andAppendsHistory_R17() {
        Registration r = submitted().waitlist(STAFF, LATER);
        assertThat(r.status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(r.waitlistedAt()).isEqualTo(LATER);
        assertThat(r.coverageStart()).isNull();
        assertThat(r.history().get(1)).isEqualTo(new StatusChange(LATER, "staff:petugas.dinsos",
                RegistrationStatus.PENDING_REVIEW, RegistrationStatus.WAITLISTED, "approved; quota full"));
    }

    @Test
    void promotingFromTheWaitlist_clearsTheWaitlistTime_R17() {
        Registration r = submitted().waitlist(STAFF, NOW).activate(LocalDate.of(2025, 5, 1), STAFF, LATER, "promoted");
        assertThat(r.waitlistedAt()).isNull();
        assertThat(r.history()).extracting(StatusChange::from, StatusChange::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple(null, RegistrationStatus.PENDING_REVIEW),
                org.assertj.core.groups.Tuple.tuple(RegistrationStatus.PENDING_REVIEW, RegistrationStatus.WAITLISTED),
                org.assertj.core.groups.Tuple.tuple(RegistrationStatus.WAITLISTED, RegistrationStatus.ACTIVE));
    }

    @Test
    void reject_keepsTheReason_andAppendsHistory() {
        Registration r = submitted().reject("Dokumen KTP tidak terbaca", STAFF, LATER);
        assertThat(r.status()).isEqualTo(RegistrationStatus.REJECTED);
        assertThat(r.rejectionReason()).isEqualTo("Dokumen KTP tidak terbaca");
        assertThat(r.history().get(1)).isEqualTo(new StatusChange(LATER, "staff:petugas.dinsos",
                RegistrationStatus.PENDING_REVIEW, RegistrationStatus.REJECTED, "Dokumen KTP tidak terbaca"));
    }

    @Test
    void end_coversToTheEndOfTheEffectiveMonth_R20() {
        Registration r = active().end(EndReason.MOVED_AWAY, LocalDate.of(2025, 5, 10), STAFF, LATER);
        assertThat(r.status()).isEqualTo(RegistrationStatus.ENDED);
        assertThat(r.coverageStart()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(r.coverageEnd()).isEqualTo(LocalDate.of(2025, 5, 31));
        assertThat(r.endReason()).isEqualTo(EndReason.MOVED_AWAY);
        assertThat(r.endEffectiveDate()).isEqualTo(LocalDate.of(2025, 5, 10));
        assertThat(r.history()).hasSize(3);
        assertThat(r.history().get(2)).isEqualTo(new StatusChange(LATER, "staff:petugas.dinsos",
                RegistrationStatus.ACTIVE, RegistrationStatus.ENDED, "MOVED_AWAY effective 2025-05-10"));
    }

    @Test
    void end_inFebruaryOfALeapYear_coversTo29February_R20() {
        Registration r = active().end(EndReason.DIED, LocalDate.of(2028, 2, 3), STAFF, LATER);
        assertThat(r.coverageEnd()).isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @Test
    void end_inTheFirstCoveredMonth_coversThatWholeMonth_R20() {
        Registration r = active().end(EndReason.WITHDREW, LocalDate.of(2025, 4, 1), STAFF, LATER);
        assertThat(r.coverageEnd()).isEqualTo(LocalDate.of(2025, 4, 30));
    }

    /*
     * Corrected: this test used to assert the faulty behaviour (coverageStart kept, coverageEnd empty),
     * which left the registration in the coverage index and billed it every month with no end.
     */
    @Test
    void end_beforeCoverageStart_wasNeverCovered_soItKeepsNoCoverage_R20_R21() {
        // Approved on 10 March, covered from 1 April, died on 15 March: never covered.
        Registration r = active().end(EndReason.DIED, LocalDate.of(2025, 3, 15), STAFF, LATER);
        assertThat(r.status()).isEqualTo(RegistrationStatus.ENDED);
        assertThat(r.coverageStart()).isNull();
        assertThat(r.coverageEnd()).isNull();
        assertThat(r.neverCovered()).isTrue();
        assertThat(r.coverageGrantedAt()).isNull();
    }

    @Test
    void coverageOfANewRegistration_startsAfterTheSamePersonsEarlierCoverage_R20_R21() {
        Registration earlier = active().end(EndReason.WITHDREW, LocalDate.of(2025, 6, 3), STAFF, LATER); // covered to 30 June
        assertThat(Registration.coverageStartAfter(LocalDate.of(2025, 4, 1), List.of(earlier))).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(Registration.coverageStartAfter(LocalDate.of(2025, 8, 1), List.of(earlier))).isEqualTo(LocalDate.of(2025, 8, 1));
        Registration never = active().end(EndReason.DIED, LocalDate.of(2025, 3, 15), STAFF, LATER);
        assertThat(Registration.coverageStartAfter(LocalDate.of(2025, 4, 1), List.of(never))).isEqualTo(LocalDate.of(2025, 4, 1));
    }

    @Test
    void end_ofAWaitlistedRegistration_hasNoCoverageEnd_R20() {
        Registration r = submitted().waitlist(STAFF, NOW).end(EndReason.WITHDREW, LocalDate.of(2025, 3, 10), STAFF, LATER);
        assertThat(r.coverageStart()).isNull();
        assertThat(r.coverageEnd()).isNull();
        assertThat(r.waitlistedAt()).isNull();
        assertThat(r.history().get(2).from()).isEqualTo(RegistrationStatus.WAITLISTED);
    }

    @Test
    void decisions_keepTheVersionRead_theStoreCountsIt() {
        Registration read = new Registration("r", "p", Fixtures.siti(), RegistrationStatus.PENDING_REVIEW, RegistrationSource.PORTAL,
                NOW, null, null, null, null, null, null, null, null, submitted().history(), 7);
        assertThat(read.activate(LocalDate.of(2025, 4, 1), STAFF, NOW, "approved").version()).isEqualTo(7);
        assertThat(read.reject("x", STAFF, NOW).version()).isEqualTo(7);
        assertThat(read.waitlist(STAFF, NOW).version()).isEqualTo(7);
    }

    @Test
    void onlyPendingActiveAndWaitlisted_areLive_R16() {
        assertThat(RegistrationStatus.PENDING_REVIEW.isLive()).isTrue();
        assertThat(RegistrationStatus.ACTIVE.isLive()).isTrue();
        assertThat(RegistrationStatus.WAITLISTED.isLive()).isTrue();
        assertThat(RegistrationStatus.REJECTED.isLive()).isFalse();
        assertThat(RegistrationStatus.ENDED.isLive()).isFalse();
    }
}
