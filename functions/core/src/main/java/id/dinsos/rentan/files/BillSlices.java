package id.dinsos.rentan.files;

import id.dinsos.rentan.http.BillCsv;
import id.dinsos.rentan.port.BillFiles;

import java.io.IOException;
import java.io.Writer;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The layout and format every bill-files adapter shares: where a slice lives, what it holds and how
 * a part's slices merge back into the bill's order.
 *
 * <pre>
 * bills/&lt;programme&gt;/&lt;yyyy-mm&gt;/part-&lt;nn&gt;/shard-&lt;ss&gt;/page-&lt;step 6 digits&gt;.csv   rows of one page, by NIK, no header
 * bills/&lt;programme&gt;/&lt;yyyy-mm&gt;/part-&lt;nn&gt;/manifest.json                        written when the part completes
 * </pre>
 */
public final class BillSlices {
    private BillSlices() {
    }

    public static String monthPrefix(String programmeId, YearMonth month) {
        return "bills/" + programmeId + "/" + month + "/";
    }

    public static String partPrefix(String programmeId, YearMonth month, int part) {
        return monthPrefix(programmeId, month) + String.format(Locale.ROOT, "part-%02d/", part);
    }

    public static String sliceKey(BillFiles.Slice slice) {
        return partPrefix(slice.programmeId(), slice.month(), slice.part())
                + String.format(Locale.ROOT, "shard-%02d/page-%06d.csv", slice.shard(), slice.step());
    }

    /** The month's bill file: the header once, every billed part, NIK order within a part. */
    public static String billKey(String programmeId, YearMonth month) {
        return monthPrefix(programmeId, month) + "tagihan-" + month + ".csv";
    }

    /** The parts a bill file holds, as its metadata records them: "1,2". */
    public static String partsText(List<Integer> parts) {
        return String.join(",", parts.stream().map(String::valueOf).toList());
    }

    public static String manifestKey(String programmeId, YearMonth month, int part) {
        return partPrefix(programmeId, month, part) + "manifest.json";
    }

    public static boolean isSlice(String key) {
        return key.endsWith(".csv") && key.contains("/shard-");
    }

    public static boolean isManifest(String key) {
        return key.endsWith("/manifest.json");
    }

    /** The part number in a key under a part's prefix. */
    public static int partOf(String key) {
        int at = key.indexOf("/part-") + "/part-".length();
        return Integer.parseInt(key.substring(at, key.indexOf('/', at)));
    }

    /** A slice's content: its lines' rows ordered by NIK. */
    public static String content(BillFiles.Slice slice) {
        return BillCsv.rows(slice.wadahCode(), slice.lines().stream().sorted(BillCsv.NIK_ORDER).toList());
    }

    /** The manifest: the part's slice keys in order and its line count, as JSON. */
    public static String manifest(int part, long lines, List<String> sliceKeys) {
        StringBuilder json = new StringBuilder("{\"part\":").append(part).append(",\"lines\":").append(lines).append(",\"slices\":[");
        for (int i = 0; i < sliceKeys.size(); i++) {
            json.append(i == 0 ? "\"" : ",\"").append(sliceKeys.get(i)).append('"');
        }
        return json.append("]}").toString();
    }

    /** The line count a manifest records. */
    public static long manifestLines(String manifest) {
        int at = manifest.indexOf("\"lines\":") + "\"lines\":".length();
        int end = at;
        while (end < manifest.length() && Character.isDigit(manifest.charAt(end))) {
            end++;
        }
        return Long.parseLong(manifest.substring(at, end));
    }

    /** One row of a slice and the NIK it is ordered by. */
    record Row(String nik, String text) {
    }

    /**
     * Writes the rows of one part's slices in the bill's order (by NIK). Each slice is ordered already;
     * rows are split on line breaks outside quotes (a quoted name may hold one).
     */
    public static void mergePart(List<String> slices, Writer out) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String slice : slices) {
            rows.addAll(rows(slice));
        }
        rows.sort(Comparator.comparing(Row::nik));
        for (Row row : rows) {
            out.write(row.text());
        }
    }

    static List<Row> rows(String csv) {
        List<Row> rows = new ArrayList<>();
        int start = 0;
        int field = 0;
        int nikStart = -1;
        int nikEnd = -1;
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                field++;
                if (field == 2) {
                    nikStart = i + 1;
                } else if (field == 3) {
                    nikEnd = i;
                }
            } else if (!quoted && c == '\n') {
                rows.add(new Row(csv.substring(nikStart, nikEnd), csv.substring(start, i + 1)));
                start = i + 1;
                field = 0;
            }
        }
        if (start < csv.length()) {
            throw new IllegalStateException("a bill slice ends inside a row");
        }
        return rows;
    }
}
