package id.dinsos.rentan.testsupport;

import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.Address;
import id.dinsos.rentan.domain.Application;
import id.dinsos.rentan.domain.BudgetAllocation;
import id.dinsos.rentan.domain.ContributionRate;
import id.dinsos.rentan.domain.DtsenRank;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Occupation;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.domain.RegistrationSource;
import id.dinsos.rentan.domain.Sex;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Shared test data: the Kota Tangerang programme of the contract, applicants with valid NIKs, a fixed clock. */
public final class Fixtures {
    /** 2025-03-10 09:00 in Jakarta: approvals today are covered from 2025-04-01. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-10T02:00:00Z"), ZoneId.of("Asia/Jakarta"));
    public static final LocalDate TODAY = LocalDate.of(2025, 3, 10);
    public static final OffsetDateTime NOW = OffsetDateTime.now(CLOCK);
    public static final LocalDate NEXT_MONTH = LocalDate.of(2025, 4, 1);

    public static final List<String> TANGERANG = List.of("Batuceper", "Benda", "Cibodas", "Ciledug", "Cipondoh", "Jatiuwung",
            "Karangtengah", "Karawaci", "Larangan", "Neglasari", "Periuk", "Pinang", "Tangerang");
    public static final Set<Occupation> GROUPS = EnumSet.of(Occupation.FISHER, Occupation.FARMER, Occupation.OJEK_DRIVER,
            Occupation.DAILY_LABOURER, Occupation.PUBLIC_TRANSPORT_DRIVER, Occupation.PARKING_ATTENDANT, Occupation.DISABLED_WORKER);

    public static final Actor STAFF = Actor.staff("petugas.dinsos");
    public static final Actor PORTAL = Actor.portal("portalclientexample");

    private Fixtures() {
    }

    public static Programme programme(String id, int quota) {
        return programme(id, quota, 1);
    }

    public static Programme programme(String id, int quota, int coverageStartDelayMonths) {
        return new Programme(id, "Perlindungan Pekerja Rentan Kota Tangerang", quota, TANGERANG, GROUPS, 4, 15, 65,
                coverageStartDelayMonths,
                List.of(new ContributionRate(YearMonth.of(2025, 1), 1_000_000L, 10_000, 6_800)),
                List.of(new BudgetAllocation(2025, 1_199_923_200L)), List.of(), Programme.DEFAULT_WADAH_CODE);
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Siti Aminah of the contract: 1985-07-05, F (45 = 05 + 40), Karawaci, parking attendant, DTSEN decile 3. */
    public static Application siti() {
        return new Application(Nik.of("3671014507850001"), "Siti Aminah", LocalDate.of(1985, 7, 5), Sex.F, "+6281234567890",
                new Address("Jl. Merdeka 1", "Sukajadi", "Karawaci"), Occupation.PARKING_ATTENDANT,
                new DtsenRank(3, LocalDate.of(2025, 1, 23)), false);
    }

    /** A valid NIK for a man born 1979-03-12 with sequence {@code seq} (1..9999). */
    public static Nik nik(int seq) {
        return Nik.of(String.format("367102120379%04d", seq));
    }

    /** The NIK that encodes {@code birthDate} and {@code sex}. */
    public static Nik nikFor(LocalDate birthDate, Sex sex, int seq) {
        int day = birthDate.getDayOfMonth() + (sex == Sex.F ? 40 : 0);
        return Nik.of(String.format("367101%02d%02d%02d%04d", day, birthDate.getMonthValue(), birthDate.getYear() % 100, seq));
    }

    /** An eligible ojek driver born 1979-03-12 living in {@code kecamatan}. */
    public static Application applicant(int seq, String kecamatan) {
        return new Application(nik(seq), "Budi Santoso " + letters(seq), LocalDate.of(1979, 3, 12), Sex.M, "+6281298765432",
                new Address("Jl. Raya Cipondoh " + seq, "Cipondoh Indah", kecamatan), Occupation.OJEK_DRIVER,
                new DtsenRank(2, LocalDate.of(2025, 1, 23)), false);
    }

    public static Application applicant(int seq) {
        return applicant(seq, "Cipondoh");
    }

    public static Registration pending(String programmeId, Application application) {
        return Registration.submitted(UUID.randomUUID().toString(), programmeId, application, RegistrationSource.PORTAL, PORTAL, NOW);
    }

    public static Registration pending(String programmeId, int seq) {
        return pending(programmeId, applicant(seq));
    }

    /** Names allow letters only: 1 -> "A", 27 -> "AA". */
    static String letters(int n) {
        StringBuilder s = new StringBuilder();
        int v = n;
        do {
            s.insert(0, (char) ('A' + v % 26));
            v = v / 26 - 1;
        } while (v >= 0);
        return s.toString();
    }
}
