package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.time.Period;

/** What an applicant (or the decree list) states about a person. {@code dtsen} may be null. */
public record Application(Nik nik, String fullName, LocalDate birthDate, Sex sex, String phone, Address address,
                          Occupation occupation, DtsenRank dtsen, boolean disability) {

    public int ageOn(LocalDate date) {
        return Period.between(birthDate, date).getYears();
    }

    /** A masked description for logs: never the full NIK or name. */
    @Override
    public String toString() {
        return "Application[nik=" + nik.masked() + ", kecamatan=" + address.kecamatan() + ", occupation=" + occupation + "]";
    }
}
