package id.dinsos.rentan.files;

import id.dinsos.rentan.http.BillCsv;
import id.dinsos.rentan.port.BillFiles;

import java.io.IOException;
import java.io.Writer;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Bill files kept in memory, under the same keys and in the same format as in S3: for the local
 * runner (its data lives as long as its DynamoDB Local does, unless it keeps a data folder: then runs
 * made before a restart have no files and their bill is built from the table) and the tests.
 */
public final class InMemoryBillFiles implements BillFiles {
    private final NavigableMap<String, String> objects = new ConcurrentSkipListMap<>();

    @Override
    public void write(Slice slice) {
        objects.put(BillSlices.sliceKey(slice), BillSlices.content(slice));
    }

    @Override
    public void partCompleted(String programmeId, YearMonth month, int part, long lines) {
        String prefix = BillSlices.partPrefix(programmeId, month, part);
        List<String> slices = keys(prefix).stream().filter(BillSlices::isSlice).toList();
        objects.put(BillSlices.manifestKey(programmeId, month, part), BillSlices.manifest(part, lines, slices));
    }

    @Override
    public Map<Integer, Long> completedParts(String programmeId, YearMonth month) {
        Map<Integer, Long> parts = new TreeMap<>();
        for (String key : keys(BillSlices.monthPrefix(programmeId, month))) {
            if (BillSlices.isManifest(key)) {
                parts.put(BillSlices.partOf(key), BillSlices.manifestLines(objects.get(key)));
            }
        }
        return parts;
    }

    @Override
    public void writeRows(String programmeId, YearMonth month, List<Integer> parts, Writer out) throws IOException {
        for (int part : parts) {
            String prefix = BillSlices.partPrefix(programmeId, month, part);
            BillSlices.mergePart(keys(prefix).stream().filter(BillSlices::isSlice).map(objects::get).toList(), out);
        }
    }

    @Override
    public void assemble(String programmeId, YearMonth month, List<Integer> parts) {
        java.io.StringWriter bill = new java.io.StringWriter();
        bill.write(BillCsv.header());
        try {
            writeRows(programmeId, month, parts, bill);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        objects.put(BillSlices.billKey(programmeId, month), bill.toString());
        objects.put(BillSlices.billKey(programmeId, month) + "#parts", BillSlices.partsText(parts));
    }

    /** No links: the local runner streams the bill (the file is kept for tests to compare). */
    @Override
    public Optional<Link> link(String programmeId, YearMonth month, List<Integer> parts) {
        return Optional.empty();
    }

    /** Every key under a prefix, in key order (as S3 lists them). */
    public List<String> keys(String prefix) {
        return objects.subMap(prefix, true, prefix + Character.MAX_VALUE, false).keySet().stream().toList();
    }

    public Map<String, String> objects() {
        return Map.copyOf(objects);
    }
}
