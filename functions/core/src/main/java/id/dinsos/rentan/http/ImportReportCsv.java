package id.dinsos.rentan.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import id.dinsos.rentan.port.DecreeImportStore.ReportRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The per-line report of a decree import as CSV, the format the staff console has always downloaded
 * (console {@code views/import.js}, {@code decreeReport}): {@code line,nik,outcome,status,registrationId,reasons},
 * the reasons as their codes separated by spaces, RFC 4180 line breaks (CRLF), quotes only where CSV
 * needs them, and every text cell through {@link CsvCells} so that a spreadsheet never runs one as a formula.
 */
public final class ImportReportCsv {
    public static final List<String> COLUMNS = List.of("line", "nik", "outcome", "status", "registrationId", "reasons");
    private static final String LINE_BREAK = "\r\n";
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema ROWS = CsvSchema.builder().addColumns(COLUMNS, CsvSchema.ColumnType.STRING).build()
            .withLineSeparator(LINE_BREAK);
    private static final String HEADER = String.join(",", COLUMNS) + LINE_BREAK;

    private ImportReportCsv() {
    }

    /** The header row, with its line break. */
    public static String header() {
        return HEADER;
    }

    /** These report rows in the order given, each ending in a line break, without the header. */
    public static String rows(List<ReportRow> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        List<Map<String, Object>> cells = new ArrayList<>(rows.size());
        for (ReportRow r : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("line", r.line());
            row.put("nik", CsvCells.text(r.maskedNik()));
            row.put("outcome", CsvCells.text(r.outcome()));
            row.put("status", CsvCells.text(r.status()));
            row.put("registrationId", CsvCells.text(r.registrationId()));
            row.put("reasons", CsvCells.text(r.reasons().stream().map(e -> e.code()).collect(Collectors.joining(" "))));
            cells.add(row);
        }
        try {
            return CSV.writer(ROWS).writeValueAsString(cells);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("import report not writable as CSV", e);
        }
    }
}
