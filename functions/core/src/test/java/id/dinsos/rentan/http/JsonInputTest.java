package id.dinsos.rentan.http;

import id.dinsos.rentan.domain.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** Reading request bodies: what a hostile caller sends is a 400 with a stable code, never a fault of ours (issue 8). */
class JsonInputTest {

    private static Refusal.Invalid refusalOf(Runnable read) {
        try {
            read.run();
        } catch (Refusal.Invalid e) {
            return e;
        }
        throw new AssertionError("expected a 400 refusal");
    }

    private static List<Refusal.FieldError> fieldErrorsOf(String body, java.util.function.Consumer<JsonInput> read) {
        return refusalOf(() -> {
            JsonInput in = JsonInput.parse(body, false);
            read.accept(in);
            in.finish();
        }).errors();
    }

    // ------------------------------------------------------------------ 1. beyond the parser's limits

    @Test
    void bodiesBeyondTheParsersLimits_areMalformedJson_neverAFault() {
        String arrays = "[".repeat(1500) + "]".repeat(1500);
        String objects = "{\"a\":".repeat(1200) + "1" + "}".repeat(1200);
        String longNumber = "{\"quota\": " + "9".repeat(1200) + "}";
        String longString = "{\"name\": \"" + "x".repeat(JsonInput.MAX_STRING_LENGTH + 1) + "\"}";
        String longName = "{\"" + "n".repeat(JsonInput.MAX_NAME_LENGTH + 1) + "\": 1}";
        for (String body : List.of(arrays, objects, longNumber, longString, longName)) {
            Refusal.Invalid refusal = refusalOf(() -> JsonInput.parse(body, false));
            assertThat(refusal.code()).isEqualTo("MALFORMED_JSON");
            assertThat(refusal.getMessage()).doesNotContain("StreamReadConstraints").doesNotContain("Exception");
        }
    }

    @Test
    void theLimitsThemselves_areAccepted() {
        // 64 levels of nesting: the object and 63 arrays inside it.
        String deepest = "{\"a\":" + "[".repeat(JsonInput.MAX_NESTING_DEPTH - 1) + "]".repeat(JsonInput.MAX_NESTING_DEPTH - 1) + "}";
        assertThat(JsonInput.parse(deepest, false)).isNotNull();
        String tooDeep = "{\"a\":" + "[".repeat(JsonInput.MAX_NESTING_DEPTH) + "]".repeat(JsonInput.MAX_NESTING_DEPTH) + "}";
        assertThat(refusalOf(() -> JsonInput.parse(tooDeep, false)).code()).isEqualTo("MALFORMED_JSON");

        String longestNumber = "{\"quota\": " + "1".repeat(JsonInput.MAX_NUMBER_LENGTH) + "}";
        // Accepted by the parser; too big for the field, which says so.
        assertThat(fieldErrorsOf(longestNumber, in -> in.number("quota", true, 1, 10)))
                .extracting(Refusal.FieldError::field, Refusal.FieldError::code).containsExactly(tuple("quota", "OUT_OF_RANGE"));
        assertThat(fieldErrorsOf("{\"quota\": -" + "1".repeat(30) + "}", in -> in.number("quota", true, 1, 10)))
                .extracting(Refusal.FieldError::code).containsExactly("OUT_OF_RANGE");
        assertThat(fieldErrorsOf("{\"quota\": 1e3}", in -> in.number("quota", true, 1, 10)))
                .extracting(Refusal.FieldError::code).containsExactly("INVALID_TYPE");
    }

    // ------------------------------------------------------------------ 2. months and dates

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12", "-999999999-01", "+2025-04", "20250-04", "2025-4", "2025-13", "25-04", "2025-04-01", "April"})
    void aMonthThatIsNotPlainYyyyMm_isInvalidFormat(String month) {
        assertThat(fieldErrorsOf("{\"month\": \"" + month + "\"}", in -> in.month("month", true)))
                .extracting(Refusal.FieldError::field, Refusal.FieldError::code).containsExactly(tuple("month", "INVALID_FORMAT"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1999-12", "2101-01", "0000-01", "9999-12"})
    void aMonthOutsideTheYears2000To2100_isOutOfRange(String month) {
        assertThat(fieldErrorsOf("{\"month\": \"" + month + "\"}", in -> in.month("month", true)))
                .extracting(Refusal.FieldError::field, Refusal.FieldError::code).containsExactly(tuple("month", "OUT_OF_RANGE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31", "+2025-04-01", "2025-4-1", "2025-02-30", "2025-04", "20250-01-01", "2025-04-01T00:00"})
    void aDateThatIsNotPlainYyyyMmDd_isInvalidFormat(String date) {
        assertThat(fieldErrorsOf("{\"day\": \"" + date + "\"}", in -> in.date("day", true)))
                .extracting(Refusal.FieldError::field, Refusal.FieldError::code).containsExactly(tuple("day", "INVALID_FORMAT"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1999-12-31", "2101-01-01", "0001-01-01"})
    void aDateOutsideTheYears2000To2100_isOutOfRange(String date) {
        assertThat(fieldErrorsOf("{\"day\": \"" + date + "\"}", in -> in.date("day", true)))
                .extracting(Refusal.FieldError::field, Refusal.FieldError::code).containsExactly(tuple("day", "OUT_OF_RANGE"));
    }

    @Test
    void theFirstAndLastMonthsAndDaysOfTheRange_areAccepted() {
        JsonInput in = JsonInput.parse("{\"a\": \"2000-01\", \"b\": \"2100-12\", \"c\": \"2000-01-01\", \"d\": \"2100-12-31\", \"e\": \"2024-02-29\"}", false);
        assertThat(in.month("a", true)).isEqualTo(YearMonth.of(2000, 1));
        assertThat(in.month("b", true)).isEqualTo(YearMonth.of(2100, 12));
        assertThat(in.date("c", true)).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(in.date("d", true)).isEqualTo(LocalDate.of(2100, 12, 31));
        assertThat(in.date("e", true)).isEqualTo(LocalDate.of(2024, 2, 29));
        in.finish();
    }

    @Test
    void aDateWithItsOwnRange_suchAsABirthDate_acceptsEarlierYears() {
        JsonInput in = JsonInput.parse("{\"birthDate\": \"1950-06-01\", \"older\": \"1899-12-31\"}", false);
        assertThat(in.date("birthDate", true, 1900, 2100)).isEqualTo(LocalDate.of(1950, 6, 1));
        assertThat(in.date("older", true, 1900, 2100)).isNull();
        assertThatThrownBy(in::finish).isInstanceOfSatisfying(Refusal.Invalid.class, e -> assertThat(e.errors())
                .extracting(Refusal.FieldError::field, Refusal.FieldError::code).containsExactly(tuple("older", "OUT_OF_RANGE")));
    }

    // ------------------------------------------------------------------ 6. text that should not be stored

    @ParameterizedTest
    @ValueSource(strings = {"Jl. Merdeka\\u0000 1", "\\u0000", "Sukajadi\\ud800", "\\udfffSukajadi", "a\\ud800\\ud800b", "bell\\u0007", "del\\u007f"})
    void nulControlCharactersAndLoneSurrogates_inText_areInvalidCharacters(String escaped) {
        assertThat(fieldErrorsOf("{\"street\": \"" + escaped + "\"}", in -> in.text("street", true, 200)))
                .extracting(Refusal.FieldError::field, Refusal.FieldError::code).containsExactly(tuple("street", "INVALID_CHARACTERS"));
    }

    @Test
    void nulInAnArrayElementOrAnEnum_isInvalidCharactersToo() {
        assertThat(fieldErrorsOf("{\"kecamatan\": [\"Karawaci\", \"Cipondoh\\u0000\"]}", in -> in.array("kecamatan", true, e -> e.elementText(100))))
                .extracting(Refusal.FieldError::field, Refusal.FieldError::code).containsExactly(tuple("kecamatan[1]", "INVALID_CHARACTERS"));
        assertThat(fieldErrorsOf("{\"sex\": \"F\\u0000\"}", in -> in.text("sex", true, 64)))
                .extracting(Refusal.FieldError::code).containsExactly("INVALID_CHARACTERS");
    }

    @Test
    void surrogatePairsTabsAndLineBreaks_areOrdinaryText() {
        JsonInput in = JsonInput.parse("{\"reason\": \"Dokumen\\ttidak terbaca\\r\\nlagi \\ud83d\\ude00\"}", false);
        assertThat(in.text("reason", true, 500)).isEqualTo("Dokumen\ttidak terbaca\r\nlagi \uD83D\uDE00");
        in.finish();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"month\": \"2025-04\"} trailing", "{\"month\": \"2025-04\"} {}", "{} []", "{\"a\": 1}}"})
    void textAfterTheJsonDocument_isMalformedJson(String body) {
        assertThat(refusalOf(() -> JsonInput.parse(body, false)).code()).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void aDuplicateKey_isMalformedJson_ratherThanTheLastOneWinning() {
        Refusal.Invalid refusal = refusalOf(() -> JsonInput.parse("{\"month\": \"2025-04\", \"dryRun\": true, \"month\": \"2025-05\"}", false));
        assertThat(refusal.code()).isEqualTo("MALFORMED_JSON");
        assertThat(refusal.getMessage()).contains("twice");
        assertThat(refusalOf(() -> JsonInput.parse("{\"address\": {\"street\": \"a\", \"street\": \"b\"}}", false)).code())
                .isEqualTo("MALFORMED_JSON");
    }

    @Test
    void trailingWhitespace_isFine() {
        assertThat(JsonInput.parse("{\"a\": 1}\n\r\n  ", false)).isNotNull();
    }

    // ------------------------------------------------------------------ 5. a body that must carry no field

    @Test
    void onlyFields_reportsEveryOtherField() {
        assertThat(fieldErrorsOf("{\"status\": \"REJECTED\", \"reason\": \"x\", \"ok\": 1}", in -> in.onlyFields("ok")))
                .extracting(Refusal.FieldError::field, Refusal.FieldError::code)
                .containsExactlyInAnyOrder(tuple("status", "UNKNOWN_FIELD"), tuple("reason", "UNKNOWN_FIELD"));
        JsonInput empty = JsonInput.parse("{}", false);
        empty.onlyFields();
        empty.finish();
    }
}
