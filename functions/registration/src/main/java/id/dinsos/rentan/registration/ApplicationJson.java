package id.dinsos.rentan.registration;

import id.dinsos.rentan.domain.Address;
import id.dinsos.rentan.domain.Application;
import id.dinsos.rentan.domain.DtsenRank;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Occupation;
import id.dinsos.rentan.domain.Sex;
import id.dinsos.rentan.http.JsonInput;
import id.dinsos.rentan.http.PlainDates;

import java.time.LocalDate;

/** Reads the registration body of {@code POST /registrations}; every malformed field is reported at once (400). */
final class ApplicationJson {
    private ApplicationJson() {
    }

    static Application read(String body, LocalDate today) {
        JsonInput in = JsonInput.parse(body, false);
        String nik = in.text("nik", true, 32);
        if (nik != null) {
            ApplicationFields.nikProblem(nik).ifPresent(p -> in.error("nik", "INVALID_FORMAT", "NIK " + p + "."));
        }
        String fullName = in.text("fullName", true, ApplicationFields.NAME_MAX);
        if (fullName != null && !ApplicationFields.nameValid(fullName)) {
            in.error("fullName", "INVALID_FORMAT", "Letters, spaces and . , ' - only.");
        }
        LocalDate birthDate = in.date("birthDate", true, PlainDates.MIN_BIRTH_YEAR, PlainDates.MAX_YEAR);
        if (birthDate != null) {
            ApplicationFields.birthDateProblem(birthDate, today).ifPresent(p -> in.error("birthDate", "OUT_OF_RANGE", p));
        }
        Sex sex = in.enumValue("sex", Sex.class, true);
        String phone = ApplicationFields.normalisedPhone(in.text("phone", false, 32)).orElse(null);
        if (phone != null && !ApplicationFields.phoneValid(phone)) {
            in.error("phone", "INVALID_FORMAT", "8 to 15 digits, optionally starting with +.");
        }
        Address address = in.object("address", true).map(a -> new Address(
                a.text("street", true, ApplicationFields.ADDRESS_MAX),
                a.text("kelurahan", true, ApplicationFields.ADDRESS_MAX),
                a.text("kecamatan", true, ApplicationFields.ADDRESS_MAX))).orElse(null);
        Occupation occupation = in.enumValue("occupation", Occupation.class, true);
        DtsenRank dtsen = in.object("dtsen", false).map(d -> {
            Integer decile = d.integer("decile", true, 1, 10);
            LocalDate version = d.date("version", true);
            if (version != null && version.isAfter(today)) {
                d.error("version", "OUT_OF_RANGE", "The DTSEN version date cannot be in the future.");
                return null;
            }
            return decile == null || version == null ? null : new DtsenRank(decile, version);
        }).orElse(null);
        Boolean disability = in.bool("disability", false);
        in.finish();
        return new Application(Nik.of(nik), fullName, birthDate, sex, phone, address, occupation, dtsen,
                Boolean.TRUE.equals(disability));
    }
}
