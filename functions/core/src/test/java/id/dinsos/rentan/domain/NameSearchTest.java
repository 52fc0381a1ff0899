package id.dinsos.rentan.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The staff's search by name: case- and accent-insensitive, every word found in the name. */
class NameSearchTest {

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "Siti Aminah|siti aminah",
            "  SITI   AMINAH |siti aminah",
            "S\u00e9na \u00c1min-Putri|sena amin putri",
            "Ma'ruf Hidayat|maruf hidayat",
            "Ma\u2019ruf Hidayat|maruf hidayat",
            "I Gusti Ngurah Rai, S.H.|i gusti ngurah rai s h",
            "\u00d1o\u00f1o \u00c7elik|nono celik"})
    void normalise_takesOffCaseAccentsAndPunctuation(String name, String normal) {
        assertThat(NameSearch.normalise(name)).isEqualTo(normal);
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "siti|Siti Aminah|true",
            "AMIN|Siti Aminah|true",
            "am si|Siti Aminah|true",
            "aminah siti|Siti Aminah|true",
            "siti budi|Siti Aminah|false",
            "sena|S\u00e9na \u00c1min|true",
            "s\u00e9na \u00e1min|Sena Amin|true",
            "ma'ruf|Maruf Hidayat|true",
            "hidayat, ma\u2019ruf|Ma'ruf Hidayat|true",
            "ruf h|Ma'ruf Hidayat|true",
            "santos|Budi Santoso|true",
            "santosa|Budi Santoso|false"})
    void aSearch_matchesWhenEveryWordIsInTheName(String typed, String name, boolean matches) {
        assertThat(NameSearch.of(typed).matches(name)).isEqualTo(matches);
    }

    @Test
    void aSearch_needsTwoLettersOrDigits_andAtMost100Characters() {
        assertThat(NameSearch.problemWith("ab")).isNull();
        assertThat(NameSearch.problemWith("a")).isEqualTo("TOO_SHORT");
        assertThat(NameSearch.problemWith(" a - ")).isEqualTo("TOO_SHORT");
        assertThat(NameSearch.problemWith("'.,")).isEqualTo("TOO_SHORT");
        assertThat(NameSearch.problemWith(null)).isEqualTo("TOO_SHORT");
        assertThat(NameSearch.problemWith("a b")).isNull();
        assertThat(NameSearch.problemWith("x".repeat(100))).isNull();
        assertThat(NameSearch.problemWith("x".repeat(101))).isEqualTo("TOO_LONG");
        assertThatThrownBy(() -> NameSearch.of("a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSearch_neverShowsTheNameItSearchesFor() {
        assertThat(NameSearch.of("Siti Aminah").toString()).doesNotContainIgnoringCase("siti").doesNotContainIgnoringCase("aminah");
        assertThat(NameSearch.of("siti siti aminah").words()).containsExactly("siti", "aminah");
    }
}
