package id.dinsos.rentan.registration;

import id.dinsos.rentan.application.DecreeRow;
import id.dinsos.rentan.domain.Occupation;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Sex;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** The decree list CSV: header checks refuse the file, a bad line is reported alone with its line number. */
class DecreeCsvTest {
    private static final LocalDate TODAY = LocalDate.of(2025, 3, 10);
    private static final String HEADER =
            "nik,fullName,birthDate,sex,phone,street,kelurahan,kecamatan,occupation,dtsenDecile,dtsenVersion,disability,coverageStart";
    private static final String DEWI =
            "3671035808900004,Dewi Lestari,1990-08-18,F,+6281355554444,Jl. Husein Sastranegara 5,Poris Gaga,Batuceper,DAILY_LABOURER,3,2025-01-23,false,";
    private static final String AHMAD =
            "3671070101750005,Ahmad Fauzi,1975-01-01,M,+6281366667777,Jl. Imam Bonjol 12,Bojong Jaya,Karawaci,PUBLIC_TRANSPORT_DRIVER,,,false,2025-01-01";
    private static final String RINA =
            "3671106403880006,Rina Marlina,1988-03-24,F,+6281377778888,Jl. Marsekal Suryadarma 3,Kedaung Baru,Neglasari,OTHER_INFORMAL,2,2025-01-23,true,";

    private static List<DecreeRow> read(String... lines) {
        return DecreeCsv.read(String.join("\n", lines) + "\n", TODAY);
    }

    private static Refusal.Invalid refusalOf(String body) {
        try {
            DecreeCsv.read(body, TODAY);
        } catch (Refusal.Invalid e) {
            return e;
        }
        throw new AssertionError("expected the file to be refused");
    }

    @Test
    void wellFormedFile_readsEveryLine() {
        List<DecreeRow> rows = read(HEADER, DEWI, AHMAD, RINA);
        assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r.readable()).isTrue());
        DecreeRow dewi = rows.get(0);
        assertThat(dewi.application().nik().value()).isEqualTo("3671035808900004");
        assertThat(dewi.application().sex()).isEqualTo(Sex.F);
        assertThat(dewi.application().address().kecamatan()).isEqualTo("Batuceper");
        assertThat(dewi.application().dtsen().decile()).isEqualTo(3);
        assertThat(dewi.coverageStart()).isNull();
        DecreeRow ahmad = rows.get(1);
        assertThat(ahmad.application().dtsen()).isNull();
        assertThat(ahmad.application().occupation()).isEqualTo(Occupation.PUBLIC_TRANSPORT_DRIVER);
        assertThat(ahmad.coverageStart()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(rows.get(2).application().disability()).isTrue();
    }

    @Test
    void lineNumbers_countTheHeaderAsLine1() {
        assertThat(read(HEADER, DEWI, AHMAD, RINA)).extracting(DecreeRow::line).containsExactly(2, 3, 4);
    }

    @Test
    void lineNumbers_stayPhysicalAcrossBlankLines() {
        assertThat(read(HEADER, DEWI, "", AHMAD, "", "", RINA)).extracting(DecreeRow::line).containsExactly(2, 4, 7);
    }

    @Test
    void lineNumbers_withWindowsLineEnds_countTheHeaderAsLine1() {
        List<DecreeRow> rows = DecreeCsv.read(String.join("\r\n", HEADER, DEWI, AHMAD) + "\r\n", TODAY);
        assertThat(rows).extracting(DecreeRow::line).containsExactly(2, 3);
        assertThat(rows).allSatisfy(r -> assertThat(r.readable()).isTrue());
    }

    @Test
    void lineNumbers_followAQuotedFieldThatSpansTwoLines() {
        String twoLines = "3671091505820007,Joko Susilo,1982-05-15,M,,\"Jl. Prabu Siliwangi 8\nRT 01/RW 02\",Cibodas Baru,Cibodas,FISHER,,,,";
        List<DecreeRow> rows = read(HEADER, DEWI, twoLines, RINA);
        assertThat(rows).extracting(DecreeRow::line).containsExactly(2, 3, 5);
        assertThat(rows.get(1).application().address().street()).isEqualTo("Jl. Prabu Siliwangi 8\nRT 01/RW 02");
    }

    @Test
    void fileWithoutTrailingNewline_readsTheLastLine() {
        List<DecreeRow> rows = DecreeCsv.read(HEADER + "\n" + DEWI + "\n" + AHMAD, TODAY);
        assertThat(rows).extracting(DecreeRow::line).containsExactly(2, 3);
    }

    @Test
    void quotedFieldWithAComma_isOneField() {
        String line = "3671091505820007,\"Susilo, Joko\",1982-05-15,M,,\"Jl. Prabu Siliwangi 8, RT 01/RW 02\",Cibodas Baru,Cibodas,FISHER,,,,";
        DecreeRow row = read(HEADER, line).get(0);
        assertThat(row.errors()).isEmpty();
        assertThat(row.application().fullName()).isEqualTo("Susilo, Joko");
        assertThat(row.application().address().street()).isEqualTo("Jl. Prabu Siliwangi 8, RT 01/RW 02");
        assertThat(row.application().address().kecamatan()).isEqualTo("Cibodas");
    }

    @Test
    void byteOrderMark_isIgnored() {
        List<DecreeRow> rows = DecreeCsv.read("\uFEFF" + HEADER + "\n" + DEWI + "\n", TODAY);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).readable()).isTrue();
        assertThat(rows.get(0).line()).isEqualTo(2);
    }

    @Test
    void headerMissingARequiredColumn_refusesTheFile() {
        String header = HEADER.replace("kecamatan,", "");
        String line = DEWI.replace("Batuceper,", "");
        Refusal.Invalid refusal = refusalOf(header + "\n" + line + "\n");
        assertThat(refusal.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(refusal.errors()).extracting(Refusal.FieldError::field, Refusal.FieldError::code)
                .containsExactly(tuple("header", "MISSING_COLUMN"));
        assertThat(refusal.errors().get(0).message()).contains("kecamatan");
    }

    @Test
    void headerWithAnUnknownColumn_refusesTheFile() {
        Refusal.Invalid refusal = refusalOf(HEADER + ",npwp\n" + DEWI + ",123\n");
        assertThat(refusal.errors()).extracting(Refusal.FieldError::code).containsExactly("UNKNOWN_COLUMN");
    }

    @Test
    void optionalColumns_mayBeLeftOut() {
        List<DecreeRow> rows = read("nik,fullName,birthDate,sex,street,kelurahan,kecamatan,occupation",
                "3671070101750005,Ahmad Fauzi,1975-01-01,M,Jl. Imam Bonjol 12,Bojong Jaya,Karawaci,PUBLIC_TRANSPORT_DRIVER");
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.readable()).isTrue();
            assertThat(r.application().phone()).isNull();
            assertThat(r.application().disability()).isFalse();
        });
    }

    @Test
    void coverageStartNotOnTheFirstOfAMonth_isNotFirstOfMonth_R20() {
        DecreeRow row = read(HEADER, AHMAD.replace("2025-01-01", "2025-01-15")).get(0);
        assertThat(row.readable()).isFalse();
        assertThat(row.errors()).extracting(Refusal.FieldError::field, Refusal.FieldError::code)
                .containsExactly(tuple("coverageStart", "NOT_FIRST_OF_MONTH"));
    }

    @Test
    void badLine_isReportedAlone_withEveryProblem_andTheOthersStillRead() {
        String bad = "12345,Siti Aminah,1985-13-40,X,abc,Jl. Merdeka 1,Sukajadi,Karawaci,ASTRONAUT,11,,maybe,";
        List<DecreeRow> rows = read(HEADER, DEWI, bad, RINA);
        assertThat(rows).extracting(DecreeRow::readable).containsExactly(true, false, true);
        DecreeRow row = rows.get(1);
        assertThat(row.line()).isEqualTo(3);
        assertThat(row.nikText()).isEqualTo("12345");
        assertThat(row.errors()).extracting(Refusal.FieldError::field).containsExactlyInAnyOrder(
                "nik", "birthDate", "sex", "phone", "occupation", "dtsenVersion", "dtsenDecile", "disability");
    }

    @Test
    void emptyFile_andHeaderOnly_areRefused() {
        assertThat(refusalOf("").errors()).extracting(Refusal.FieldError::code).containsExactly("REQUIRED");
        assertThat(refusalOf(HEADER + "\n").errors()).extracting(Refusal.FieldError::code).containsExactly("REQUIRED");
    }

    @Test
    void unbalancedQuote_isMalformedCsv_notAServerError() {
        assertThatThrownBy(() -> DecreeCsv.read(HEADER + "\n\"3671035808900004,Dewi\n", TODAY))
                .isInstanceOf(Refusal.Invalid.class);
    }

    @Test
    void lowerCaseEnumValues_areAccepted() {
        DecreeRow row = read(HEADER, DEWI.replace(",F,", ",f,").replace("DAILY_LABOURER", "daily_labourer")).get(0);
        assertThat(row.readable()).isTrue();
        assertThat(row.application().occupation()).isEqualTo(Occupation.DAILY_LABOURER);
    }
}
