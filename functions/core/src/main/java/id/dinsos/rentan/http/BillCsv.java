package id.dinsos.rentan.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import id.dinsos.rentan.domain.ContributionLine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The bill's CSV, one format whether built from the table in one response or written as
 * slices to files: the amounts and the part as numbers, every text cell through {@link CsvCells}, so
 * that a spreadsheet never runs a name (or any other text) as a formula.
 */
public final class BillCsv {
    public static final List<String> COLUMNS = List.of("wadah", "part", "nik", "fullName", "kpj", "jkk", "jkm", "total", "note");
    /** The note on a line whose participant has no KPJ yet: BPJS cannot post it until staff record one. */
    public static final String KPJ_MISSING = "KPJ_MISSING";
    /** The bill's order within a part: by NIK (one line per NIK and month, R-21), then registration. */
    public static final Comparator<ContributionLine> NIK_ORDER = Comparator
            .comparing((ContributionLine l) -> l.nik().value()).thenComparing(ContributionLine::registrationId);
    /** Quotes a value only where CSV needs it (a comma, quote or line break in a name). */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema ROWS = CsvSchema.builder().addColumns(COLUMNS, CsvSchema.ColumnType.STRING).build();
    private static final String HEADER = String.join(",", COLUMNS) + "\n";

    private BillCsv() {
    }

    /** The header row, with its line break. */
    public static String header() {
        return HEADER;
    }

    /** The header and the rows. */
    public static String bill(String wadahCode, List<ContributionLine> lines) {
        return HEADER + rows(wadahCode, lines);
    }

    /** The rows of these lines in the order given, each ending in a line break, without the header. */
    public static String rows(String wadahCode, List<ContributionLine> lines) {
        List<Map<String, Object>> rows = new ArrayList<>(lines.size());
        for (ContributionLine line : lines) {
            boolean noKpj = line.kpj() == null || line.kpj().isBlank();
            rows.add(Map.of("wadah", CsvCells.text(wadahCode), "part", line.part(), "nik", CsvCells.text(line.nik().value()),
                    "fullName", CsvCells.text(line.fullName()), "kpj", noKpj ? "" : CsvCells.text(line.kpj()),
                    "jkk", line.jkk(), "jkm", line.jkm(), "total", line.total(), "note", noKpj ? KPJ_MISSING : ""));
        }
        if (rows.isEmpty()) {
            return "";
        }
        try {
            return CSV.writer(ROWS).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bill not writable as CSV", e);
        }
    }
}
