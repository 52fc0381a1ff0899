package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Application;
import id.dinsos.rentan.domain.EndReason;
import id.dinsos.rentan.domain.Occupation;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationSource;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.domain.StatusBreakdown;
import id.dinsos.rentan.domain.StatusCounts;
import id.dinsos.rentan.testsupport.Breakdowns;
import id.dinsos.rentan.testsupport.Fixtures;
import id.dinsos.rentan.testsupport.Services;
import id.dinsos.rentan.testsupport.TickingClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff dashboard's counts by kecamatan and by occupation, kept by the writes that change a status
 * (never counted per request), agree with a listing of every registration after each kind of change:
 * application, rejection, approval, decree import, waitlisting, end with promotion, lapse for
 * arrears and re-enrolment. Each step runs on its own day, as it would in the programme.
 */
class BreakdownCountsTest extends ApplicationTestBase {
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    private Services on(String date) {
        Clock clock = TickingClock.startingAt(LocalDate.parse(date).atTime(LocalTime.of(9, 0)).atZone(JAKARTA).toInstant(),
                Duration.ofMillis(1), JAKARTA);
        return new Services(client, table, clock);
    }

    private static Application applicant(int seq, String kecamatan, Occupation occupation) {
        Application a = Fixtures.applicant(seq, kecamatan);
        return new Application(a.nik(), a.fullName(), a.birthDate(), a.sex(), a.phone(), a.address(), occupation, a.dtsen(), a.disability());
    }

    /** The counters as GET /programme reads them agree with the listing, and add up to the status counters. */
    private StatusBreakdown assertAgreesWithTheListing() {
        StatusBreakdown counted = services.programmes.breakdown(programmeId);
        Breakdowns.assertSameCounts(counted, Breakdowns.countedFromListing(services.registrations, programmeId));
        StatusCounts statuses = counts();
        for (RegistrationStatus status : RegistrationStatus.values()) {
            assertThat(counted.totalByKecamatan(status)).as(status.name()).isEqualTo(statuses.of(status));
            assertThat(counted.totalByOccupation(status)).as(status.name()).isEqualTo(statuses.of(status));
        }
        return counted;
    }

    private static long in(StatusBreakdown breakdown, String kecamatan, RegistrationStatus status) {
        return breakdown.byKecamatan().getOrDefault(StatusBreakdown.kecamatanKey(kecamatan), StatusCounts.empty()).of(status);
    }

    @Test
    void countsByKecamatanAndOccupation_agreeWithAListing_afterEveryKindOfChange_R06_R17() {
        on("2025-01-02").settings.save(Fixtures.programme(programmeId, 3), STAFF);
        assertAgreesWithTheListing(); // the first read takes the baseline: nobody yet

        Services march = on("2025-03-10");
        Registration a = march.register.submit(programmeId, applicant(1, "Ciledug", Occupation.FISHER), RegistrationSource.PORTAL, Fixtures.PORTAL);
        Registration b = march.register.submit(programmeId, applicant(2, "karawaci", Occupation.FARMER), RegistrationSource.STAFF, STAFF);
        Registration c = march.register.submit(programmeId, applicant(3, "Cipondoh", Occupation.OJEK_DRIVER), RegistrationSource.STAFF, STAFF);
        Registration d = march.register.submit(programmeId, applicant(4, "Ciledug", Occupation.PARKING_ATTENDANT), RegistrationSource.STAFF, STAFF);
        assertThat(in(assertAgreesWithTheListing(), "Ciledug", RegistrationStatus.PENDING_REVIEW)).isEqualTo(2);

        march.decide.reject(d.id(), "not a resident", STAFF);
        march.decide.approve(a.id(), STAFF);
        march.decide.approve(b.id(), STAFF);
        StatusBreakdown approved = assertAgreesWithTheListing();
        assertThat(in(approved, "Karawaci", RegistrationStatus.ACTIVE)).as("one kecamatan whatever its case (R-12)").isEqualTo(1);
        assertThat(approved.byOccupation().get(Occupation.PARKING_ATTENDANT).of(RegistrationStatus.REJECTED)).isEqualTo(1);

        // A decree: one place left, so one ACTIVE and two WAITLISTED in file order.
        List<DecreeRow> rows = List.of(
                new DecreeRow(2, Fixtures.nik(5).value(), applicant(5, "Benda", Occupation.DAILY_LABOURER), LocalDate.of(2025, 4, 1), List.of()),
                new DecreeRow(3, Fixtures.nik(6).value(), applicant(6, "Periuk", Occupation.FISHER), LocalDate.of(2025, 4, 1), List.of()),
                new DecreeRow(4, Fixtures.nik(7).value(), applicant(7, "Ciledug", Occupation.FARMER), LocalDate.of(2025, 4, 1), List.of()));
        assertThat(march.importList.run(programmeId, rows, STAFF).accepted()).isEqualTo(3);
        assertThat(march.decide.approve(c.id(), STAFF).registration().status()).isEqualTo(RegistrationStatus.WAITLISTED);
        StatusBreakdown waiting = assertAgreesWithTheListing();
        assertThat(waiting.totalByKecamatan(RegistrationStatus.WAITLISTED)).isEqualTo(3);
        assertThat(in(waiting, "Periuk", RegistrationStatus.WAITLISTED)).isEqualTo(1);

        // An end frees a place: the waitlist's head (Periuk) takes it in the same transaction.
        EndRegistration.Outcome ended = march.end.end(a.id(), EndReason.DIED, LocalDate.of(2025, 3, 10), STAFF);
        assertThat(ended.promoted()).isPresent();
        StatusBreakdown promoted = assertAgreesWithTheListing();
        assertThat(in(promoted, "Periuk", RegistrationStatus.ACTIVE)).isEqualTo(1);
        assertThat(in(promoted, "Ciledug", RegistrationStatus.ENDED)).isEqualTo(1);

        // Nobody pays April to July: the August run first ends the three memberships that lapsed.
        for (int m = 4; m <= 8; m++) {
            YearMonth month = YearMonth.of(2025, m);
            on(month.atDay(1).toString()).runMonth.run(programmeId, month, false, 1, STAFF);
        }
        StatusBreakdown lapsed = assertAgreesWithTheListing();
        assertThat(lapsed.totalByKecamatan(RegistrationStatus.ACTIVE)).isZero();
        assertThat(lapsed.totalByKecamatan(RegistrationStatus.ENDED)).isEqualTo(4);
        assertThat(lapsed.totalByKecamatan(RegistrationStatus.WAITLISTED)).as("a lapse frees no place for the waitlist").isEqualTo(2);

        // Staff re-enrol everyone who lapsed: new registrations, ACTIVE while places last.
        assertThat(on("2025-08-05").lapses.reEnrolAll(programmeId, STAFF)).hasSize(3);
        StatusBreakdown reEnrolled = assertAgreesWithTheListing();
        assertThat(reEnrolled.totalByKecamatan(RegistrationStatus.ACTIVE)).isEqualTo(3);
        assertThat(in(reEnrolled, "Karawaci", RegistrationStatus.ENDED)).isEqualTo(1);
        assertThat(in(reEnrolled, "Karawaci", RegistrationStatus.ACTIVE)).isEqualTo(1);
    }
}
