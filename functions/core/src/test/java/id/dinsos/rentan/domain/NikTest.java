package id.dinsos.rentan.domain;

import id.dinsos.rentan.testsupport.Fixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** the NIK's structure, the sex and birth date it encodes, and that it never leaks in full. */
class NikTest {
    private static final String SITI = "3671014507850001";
    private static final String BUDI = "3671021203790002";

    @Test
    void contractExample_isWellFormed_R10() {
        assertThat(Nik.problemWith(SITI)).isEmpty();
        assertThat(Nik.of(SITI).value()).isEqualTo(SITI);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"12345", "367101450785000", "36710145078500011", "36710145078500a1", "3671 14507850001",
            "３６７１０１４５０７８５０００１"})
    @DisplayName("R-10: a NIK is exactly 16 ASCII digits")
    void nik_withWrongLengthOrNonDigits_isRefused_R10(String text) {
        assertThat(Nik.problemWith(text)).hasValue("must be exactly 16 digits");
        assertThatThrownBy(() -> Nik.of(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0071014507850001", "3600014507850001", "3671004507850001"})
    @DisplayName("R-10: province, regency and district codes are never 00")
    void nik_withZeroRegionCode_isRefused_R10(String text) {
        assertThat(Nik.problemWith(text)).hasValue("province, regency and district codes must not be 00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "32", "33", "39", "40", "72", "80", "99"})
    @DisplayName("R-10: the day is 01..31 for men and 41..71 for women; 00, 32..40 and 72+ are no day")
    void nik_withImpossibleDay_isRefused_R10(String day) {
        String text = "367101" + day + "0785" + "0001";
        assertThat(Nik.problemWith(text)).hasValue("digits 7-12 must be a birth date DDMMYY (DD + 40 for women)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "31", "41", "71"})
    void nik_withDayAtEdgeOfEitherRange_isWellFormed_R10(String day) {
        assertThat(Nik.problemWith("367101" + day + "0785" + "0001")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "13", "99"})
    void nik_withMonthOutside1To12_isRefused_R10(String month) {
        assertThat(Nik.problemWith("36710145" + month + "85" + "0001"))
                .hasValue("digits 7-12 must be a birth date DDMMYY (DD + 40 for women)");
    }

    @Test
    void nik_withSequence0000_isRefused_sequenceStartsAt0001_R10() {
        assertThat(Nik.problemWith("3671014507850000")).hasValue("the sequence number (last 4 digits) starts at 0001");
        assertThat(Nik.problemWith("3671014507859999")).isEmpty();
    }

    @Test
    void nik_withDayPlus40_isFemale_R10() {
        Nik nik = Nik.of(SITI);
        assertThat(nik.sex()).isEqualTo(Sex.F);
        assertThat(nik.birthDay()).isEqualTo(5);
        assertThat(nik.birthMonth()).isEqualTo(7);
        assertThat(nik.birthYearOfCentury()).isEqualTo(85);
    }

    @Test
    void nik_withPlainDay_isMale_R10() {
        Nik nik = Nik.of(BUDI);
        assertThat(nik.sex()).isEqualTo(Sex.M);
        assertThat(nik.birthDay()).isEqualTo(12);
        assertThat(nik.birthMonth()).isEqualTo(3);
        assertThat(nik.birthYearOfCentury()).isEqualTo(79);
    }

    @Test
    void nik_day41_isFemaleBornOnThe1st_andDay71_isFemaleBornOnThe31st_R10() {
        assertThat(Nik.of("3671014101900001").birthDay()).isEqualTo(1);
        assertThat(Nik.of("3671014101900001").sex()).isEqualTo(Sex.F);
        assertThat(Nik.of("3671017101900001").birthDay()).isEqualTo(31);
        assertThat(Nik.of("3671013101900001").sex()).isEqualTo(Sex.M);
    }

    @Test
    void agreesWithBirthDate_onlyForTheEncodedDayMonthAndYear_R10() {
        Nik nik = Nik.of(SITI);
        assertThat(nik.agreesWithBirthDate(LocalDate.of(1985, 7, 5))).isTrue();
        assertThat(nik.agreesWithBirthDate(LocalDate.of(1985, 7, 6))).isFalse();
        assertThat(nik.agreesWithBirthDate(LocalDate.of(1985, 8, 5))).isFalse();
        assertThat(nik.agreesWithBirthDate(LocalDate.of(1986, 7, 5))).isFalse();
        // A woman's encoded day is day + 40: the real date is the 5th, never the 45th.
        assertThat(Nik.of(BUDI).agreesWithBirthDate(LocalDate.of(1979, 3, 12))).isTrue();
    }

    @Test
    void masked_showsRegionAndSequenceOnly() {
        assertThat(Nik.of(SITI).masked()).isEqualTo("3671********0001");
        assertThat(Nik.of(BUDI).masked()).isEqualTo("3671********0002");
    }

    @Test
    void toString_neverShowsTheFullNik() {
        Nik nik = Nik.of(SITI);
        assertThat(nik.toString()).isEqualTo("3671********0001").doesNotContain(SITI).doesNotContain("450785");
    }

    @Test
    void applicationAndRegistrationToString_neverShowTheFullNikOrName() {
        Application application = Fixtures.siti();
        Registration registration = Registration.submitted("r-1", "p", application, RegistrationSource.PORTAL, Fixtures.PORTAL,
                OffsetDateTime.of(2025, 3, 10, 9, 0, 0, 0, ZoneOffset.ofHours(7)));
        assertThat(application.toString()).doesNotContain(SITI).doesNotContain("Siti").contains("3671********0001");
        assertThat(registration.toString()).doesNotContain(SITI).doesNotContain("Siti").contains("3671********0001");
    }

    @Test
    void constructor_refusesAMalformedNik_withTheReason() {
        assertThatThrownBy(() -> new Nik("3671014507850000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0001");
    }
}
