package id.dinsos.rentan.registration;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import id.dinsos.rentan.domain.Refusal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The conventions the CSV imports share, read with Jackson's CSV parser (quoted fields, commas in
 * names, a leading byte order mark): a header row is required and a bad header refuses the whole
 * file with every missing column at once; each line keeps its line number for the per-row report.
 */
final class CsvFile {
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    /** One line of the file: its number (the header is line 1) and its values by column. */
    record Line(int number, Map<String, String> values) {
        /** The stripped value, or null when the column is absent or blank. */
        String value(String column) {
            String v = values.get(column);
            return v == null || v.isBlank() ? null : v.strip();
        }
    }

    private CsvFile() {
    }

    /**
     * @param what     the file's name in messages, e.g. "decree list"
     * @param required columns the header must have
     * @param allowed  every column the header may have; null allows (and ignores) any other column
     */
    static List<Line> read(String body, String what, List<String> required, List<String> allowed, int maxRows) {
        if (body == null || body.isBlank()) {
            throw invalid("body", "REQUIRED", "The CSV file is empty; it needs a header row and at least one line.");
        }
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        List<Line> lines = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            checkHeader(it, what, required, allowed);
            while (it.hasNextValue()) {
                int number = it.getCurrentLocation().getLineNr();
                lines.add(new Line(number, it.nextValue()));
                if (lines.size() > maxRows) {
                    throw invalid("body", "TOO_MANY_ROWS", "At most " + maxRows + " lines per file; split the " + what + ".");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Refusal r) {
                throw r;
            }
            throw invalid("body", "MALFORMED_CSV", "The file is not readable CSV: " + firstLine(e.getMessage()));
        }
        if (lines.isEmpty()) {
            throw invalid("body", "REQUIRED", "The file has a header but no lines.");
        }
        return lines;
    }

    /**
     * Where each data line of a file starts, in bytes, with its line number, for a chunk to read only its
     * part (DecreeImports.RowLocator): a record ends at a line break outside quotes; the first is the
     * header; blank lines (spaces and tabs only) are skipped, as the parser skips them. Line numbers count
     * line breaks as the parser does (CRLF, CR or LF, inside quotes too), so that the caller can check
     * every line against the parser's. Null for a file without a header line.
     */
    static List<id.dinsos.rentan.application.DecreeImports.RowStart> rowStarts(byte[] file) {
        int n = file.length;
        int pos = n >= 3 && (file[0] & 0xFF) == 0xEF && (file[1] & 0xFF) == 0xBB && (file[2] & 0xFF) == 0xBF ? 3 : 0;
        List<id.dinsos.rentan.application.DecreeImports.RowStart> rows = new ArrayList<>();
        boolean header = true;
        boolean quoted = false;
        boolean blank = true;
        int line = 1;
        int recordStart = pos;
        int recordLine = 1;
        for (int i = pos; i <= n; i++) {
            boolean end = i == n;
            byte b = end ? (byte) '\n' : file[i];
            if (b == '"') {
                quoted = !quoted;
                blank = false;
            } else if (b == '\n' || b == '\r') {
                int breakLength = b == '\r' && i + 1 < n && file[i + 1] == '\n' ? 2 : 1;
                if (!quoted || end) {
                    if (header) {
                        if (blank) {
                            return null; // the parser may skip blank lines before the header: not worth following
                        }
                        header = false;
                    } else if (!blank) {
                        rows.add(new id.dinsos.rentan.application.DecreeImports.RowStart(recordStart, recordLine));
                    }
                    recordStart = i + breakLength;
                    recordLine = line + 1;
                    blank = true;
                }
                line++;
                i += breakLength - 1;
            } else if (b != ' ' && b != '\t') {
                blank = false;
            }
        }
        return header ? null : rows;
    }

    private static void checkHeader(MappingIterator<Map<String, String>> it, String what, List<String> required,
                                    List<String> allowed) throws IOException {
        // The parser reads the header together with the first line, so ask for that line first.
        it.hasNextValue();
        CsvSchema schema = (CsvSchema) it.getParser().getSchema();
        Set<String> present = new LinkedHashSet<>();
        schema.forEach(c -> present.add(c.getName()));
        List<Refusal.FieldError> errors = new ArrayList<>();
        for (String column : required) {
            if (!present.contains(column)) {
                errors.add(new Refusal.FieldError("header", "MISSING_COLUMN", "The header lacks the column " + column + "."));
            }
        }
        if (allowed != null) {
            for (String column : present) {
                if (!allowed.contains(column)) {
                    errors.add(new Refusal.FieldError("header", "UNKNOWN_COLUMN", "Unknown column " + column + "; expected " + allowed + "."));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new Refusal.Invalid("VALIDATION_FAILED", "The CSV header is not the " + what + "'s.", errors);
        }
    }

    private static Refusal.Invalid invalid(String field, String code, String message) {
        return new Refusal.Invalid("VALIDATION_FAILED", message, List.of(new Refusal.FieldError(field, code, message)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
