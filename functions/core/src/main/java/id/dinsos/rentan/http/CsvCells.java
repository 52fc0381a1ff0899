package id.dinsos.rentan.http;

/**
 * The text cells of the CSV files the system writes (the bill). A spreadsheet runs a cell that starts
 * with {@code =}, {@code +}, {@code -} or {@code @} as a formula, and one that starts with a tab or a
 * carriage return can be read so too; such a cell gets a leading apostrophe, which spreadsheets show
 * as text (OWASP, CSV injection). Quoting for commas, quotes and line breaks is the CSV writer's.
 * Numeric columns are written as numbers and never pass through here.
 */
public final class CsvCells {
    private CsvCells() {
    }

    /** The value to write in a text cell: empty for null, neutralised when a spreadsheet would run it. */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }
}
