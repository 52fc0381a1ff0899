package id.dinsos.rentan.domain;

import id.dinsos.rentan.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static id.dinsos.rentan.testsupport.Fixtures.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

/** R-10..R-15: who may be enrolled; every failing rule is reported at once. */
class EligibilityTest {
    private static final Programme PROGRAMME = Fixtures.programme("kota-tangerang", 5952);
    private static final DtsenRank DECILE_3 = new DtsenRank(3, LocalDate.of(2025, 1, 23));

    private static Application siti() {
        return Fixtures.siti();
    }

    private static Application with(Application a, Nik nik, LocalDate birthDate, Sex sex, String kecamatan,
                                    Occupation occupation, DtsenRank dtsen) {
        return new Application(nik, a.fullName(), birthDate, sex, a.phone(),
                new Address(a.address().street(), a.address().kelurahan(), kecamatan), occupation, dtsen, a.disability());
    }

    /** The application with a declared disability, the given occupation and DTSEN rank. */
    private static Application disabled(Application a, Occupation occupation, DtsenRank dtsen) {
        return new Application(a.nik(), a.fullName(), a.birthDate(), a.sex(), a.phone(), a.address(), occupation, dtsen, true);
    }

    /** The fixture programme with only {@code occupations} as its eligible groups. */
    private static Programme programmeWithGroups(Set<Occupation> occupations) {
        return new Programme("p", "few groups", 10, Fixtures.TANGERANG, occupations, 4, 15, 65, 1,
                PROGRAMME.rates(), PROGRAMME.budgets(), PROGRAMME.holidays(), PROGRAMME.wadahCode());
    }

    private static Application born(LocalDate birthDate) {
        Application a = siti();
        return with(a, Fixtures.nikFor(birthDate, Sex.F, 1), birthDate, Sex.F, "Karawaci", a.occupation(), a.dtsen());
    }

    private static List<IneligibilityReason> assess(Application application) {
        return Eligibility.assess(application, PROGRAMME, TODAY);
    }

    @Test
    void contractApplicant_isEligible() {
        assertThat(assess(siti())).isEmpty();
    }

    @Test
    void birthDateNotTheOneInTheNik_isNikBirthDateMismatch_R10() {
        Application a = siti();
        assertThat(assess(with(a, a.nik(), LocalDate.of(1985, 7, 6), Sex.F, "Karawaci", a.occupation(), a.dtsen())))
                .containsExactly(IneligibilityReason.NIK_BIRTH_DATE_MISMATCH);
    }

    @Test
    void sexNotTheOneInTheNik_isNikSexMismatch_R10() {
        Application a = siti();
        assertThat(assess(with(a, a.nik(), a.birthDate(), Sex.M, "Karawaci", a.occupation(), a.dtsen())))
                .containsExactly(IneligibilityReason.NIK_SEX_MISMATCH);
    }

    @Test
    void kecamatanOutsideTheProgramme_isRefused_R12() {
        Application a = siti();
        assertThat(assess(with(a, a.nik(), a.birthDate(), Sex.F, "Bandung Wetan", a.occupation(), a.dtsen())))
                .containsExactly(IneligibilityReason.KECAMATAN_NOT_IN_PROGRAMME);
    }

    @Test
    void residence_isJudgedByAddressNotByNikPrefix_R11() {
        // A NIK first issued in Bandung (32.73) for someone who now lives in Karawaci.
        Application a = siti();
        Nik bandung = Nik.of("3273014507850001");
        assertThat(assess(with(a, bandung, a.birthDate(), Sex.F, "Karawaci", a.occupation(), a.dtsen()))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"KARAWACI", "karawaci", "  Karawaci  ", "kArAwAcI"})
    void kecamatan_isComparedIgnoringCase_R12(String kecamatan) {
        Application a = siti();
        assertThat(assess(with(a, a.nik(), a.birthDate(), Sex.F, kecamatan, a.occupation(), a.dtsen()))).isEmpty();
    }

    @Test
    void otherInformalWithoutDtsen_isNotInEligibleGroup_R13() {
        Application a = siti();
        assertThat(assess(with(a, a.nik(), a.birthDate(), Sex.F, "Karawaci", Occupation.OTHER_INFORMAL, null)))
                .containsExactly(IneligibilityReason.NOT_IN_ELIGIBLE_GROUP);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void otherInformal_withDtsenDecileAtOrBelowThreshold_isEligible_R14(int decile) {
        Application a = siti();
        assertThat(assess(with(a, a.nik(), a.birthDate(), Sex.F, "Karawaci", Occupation.OTHER_INFORMAL,
                new DtsenRank(decile, LocalDate.of(2025, 1, 23))))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 8, 10})
    void otherInformal_withDtsenDecileAboveThreshold_isRefused_R14(int decile) {
        Application a = siti();
        assertThat(assess(with(a, a.nik(), a.birthDate(), Sex.F, "Karawaci", Occupation.OTHER_INFORMAL,
                new DtsenRank(decile, LocalDate.of(2025, 1, 23)))))
                .containsExactly(IneligibilityReason.DTSEN_DECILE_ABOVE_THRESHOLD);
    }

    @Test
    void dtsenThreshold_isProgrammeConfiguration_R14() {
        Programme strict = new Programme("p", "strict", 10, Fixtures.TANGERANG, Fixtures.GROUPS, 2, 15, 65, 1,
                PROGRAMME.rates(), PROGRAMME.budgets(), PROGRAMME.holidays(),
                PROGRAMME.wadahCode());
        Application a = siti();
        Application otherInformal = with(a, a.nik(), a.birthDate(), Sex.F, "Karawaci", Occupation.OTHER_INFORMAL, DECILE_3);
        assertThat(Eligibility.assess(otherInformal, strict, TODAY)).containsExactly(IneligibilityReason.DTSEN_DECILE_ABOVE_THRESHOLD);
    }

    @Test
    void eligibleOccupation_needsNoDtsenRank_R13() {
        Application a = siti();
        assertThat(assess(with(a, a.nik(), a.birthDate(), Sex.F, "Karawaci", Occupation.FISHER, null))).isEmpty();
        assertThat(assess(with(a, a.nik(), a.birthDate(), Sex.F, "Karawaci", Occupation.FISHER,
                new DtsenRank(9, LocalDate.of(2025, 1, 23))))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Occupation.class)
    void disabledWorker_qualifiesWhateverTheOccupation_R13(Occupation occupation) {
        assertThat(assess(disabled(siti(), occupation, null))).isEmpty();
    }

    @Test
    void disabledWorker_withOtherInformalAndNoDtsen_isEligible_R13() {
        Application a = disabled(siti(), Occupation.OTHER_INFORMAL, null);
        assertThat(a.dtsen()).isNull();
        assertThat(assess(a)).isEmpty();
    }

    @Test
    void disabledWorker_inAnOccupationNotInTheProgrammesList_isEligible_R13() {
        Programme fishersOnly = programmeWithGroups(EnumSet.of(Occupation.FISHER));
        assertThat(Eligibility.assess(disabled(siti(), Occupation.PARKING_ATTENDANT, null), fishersOnly, TODAY)).isEmpty();
        assertThat(Eligibility.assess(disabled(siti(), Occupation.DISABLED_WORKER, null), fishersOnly, TODAY)).isEmpty();
    }

    @Test
    void disabledWorker_withDtsenDecileAboveThreshold_stillQualifies_R13_R14() {
        assertThat(assess(disabled(siti(), Occupation.OTHER_INFORMAL, new DtsenRank(9, LocalDate.of(2025, 1, 23))))).isEmpty();
    }

    @Test
    void disabledWorker_isStillCheckedForNikKecamatanAndAge_R10_R12_R13_R15() {
        Application a = siti();
        // NIK says 1985-07-05 F; the form says a 12-year-old man in Bandung, OTHER_INFORMAL, no DTSEN, with a disability.
        Application wrong = new Application(a.nik(), a.fullName(), LocalDate.of(2012, 7, 5), Sex.M, a.phone(),
                new Address(a.address().street(), a.address().kelurahan(), "Bandung Wetan"), Occupation.OTHER_INFORMAL, null, true);
        assertThat(assess(wrong)).containsExactlyInAnyOrder(
                IneligibilityReason.NIK_BIRTH_DATE_MISMATCH,
                IneligibilityReason.NIK_SEX_MISMATCH,
                IneligibilityReason.KECAMATAN_NOT_IN_PROGRAMME,
                IneligibilityReason.AGE_BELOW_MINIMUM);
    }

    @Test
    void disabledWorkerOccupation_staysEligibleAsConfigured_withoutDisabilityFlagOrDtsen_R13() {
        Application a = siti();
        Application occupationOnly = with(a, a.nik(), a.birthDate(), Sex.F, "Karawaci", Occupation.DISABLED_WORKER, null);
        assertThat(occupationOnly.disability()).isFalse();
        assertThat(assess(occupationOnly)).isEmpty();
        // The occupation counts through the programme's list: a programme without it refuses it like any other.
        assertThat(Eligibility.assess(occupationOnly, programmeWithGroups(EnumSet.of(Occupation.FISHER)), TODAY))
                .containsExactly(IneligibilityReason.NOT_IN_ELIGIBLE_GROUP);
    }

    @Test
    void fifteenthBirthdayToday_isEligible_R15() {
        assertThat(assess(born(TODAY.minusYears(15)))).isEmpty();
    }

    @Test
    void fifteenthBirthdayTomorrow_isBelowMinimumAge_R15() {
        assertThat(assess(born(TODAY.minusYears(15).plusDays(1)))).containsExactly(IneligibilityReason.AGE_BELOW_MINIMUM);
    }

    @Test
    void sixtySixthBirthdayTomorrow_isStillAge65_andEligible_R15() {
        assertThat(assess(born(TODAY.minusYears(66).plusDays(1)))).isEmpty();
    }

    @Test
    void sixtySixthBirthdayToday_isAboveMaximumAge_R15() {
        assertThat(assess(born(TODAY.minusYears(66)))).containsExactly(IneligibilityReason.AGE_ABOVE_MAXIMUM);
    }

    @Test
    void everyFailingRule_isReportedTogether_R10_R12_R14_R15() {
        Application a = siti();
        // NIK says 1985-07-05 F; the form says a 12-year-old man in Bandung, OTHER_INFORMAL with decile 8.
        Application everythingWrong = with(a, a.nik(), LocalDate.of(2012, 7, 5), Sex.M, "Bandung Wetan",
                Occupation.OTHER_INFORMAL, new DtsenRank(8, LocalDate.of(2025, 1, 23)));
        assertThat(assess(everythingWrong)).containsExactlyInAnyOrder(
                IneligibilityReason.NIK_BIRTH_DATE_MISMATCH,
                IneligibilityReason.NIK_SEX_MISMATCH,
                IneligibilityReason.KECAMATAN_NOT_IN_PROGRAMME,
                IneligibilityReason.DTSEN_DECILE_ABOVE_THRESHOLD,
                IneligibilityReason.AGE_BELOW_MINIMUM);
    }

    @Test
    void noGroupAndTooOld_areReportedTogether_R13_R15() {
        Application a = siti();
        LocalDate old = LocalDate.of(1950, 7, 5);
        Application oldNoGroup = with(a, Fixtures.nikFor(old, Sex.F, 1), old, Sex.F, "Karawaci", Occupation.OTHER_INFORMAL, null);
        assertThat(assess(oldNoGroup)).containsExactlyInAnyOrder(
                IneligibilityReason.NOT_IN_ELIGIBLE_GROUP, IneligibilityReason.AGE_ABOVE_MAXIMUM);
    }

    @Test
    void everyReason_citesItsRule() {
        for (IneligibilityReason reason : IneligibilityReason.values()) {
            assertThat(reason.rule()).matches("R-1[0-5]");
            assertThat(reason.message()).isNotBlank();
        }
    }
}
