package id.dinsos.rentan.files;

import id.dinsos.rentan.domain.ContributionLine;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.http.BillCsv;
import id.dinsos.rentan.port.BillFiles;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The slices' keys, and their merge back into the bill's order, whatever a name holds. */
class BillSlicesTest {
    private static final YearMonth APRIL = YearMonth.of(2025, 4);

    private static ContributionLine line(String nik, String name) {
        return new ContributionLine("reg-" + nik, APRIL, 1, new Nik(nik), name, null, 10_000, 6_800);
    }

    @Test
    void keys_followTheDocumentedLayout() {
        BillFiles.Slice slice = new BillFiles.Slice("kota-tangerang", APRIL, 2, 7, 12, "SG", List.of());
        assertThat(BillSlices.sliceKey(slice)).isEqualTo("bills/kota-tangerang/2025-04/part-02/shard-07/page-000012.csv");
        assertThat(BillSlices.manifestKey("kota-tangerang", APRIL, 2)).isEqualTo("bills/kota-tangerang/2025-04/part-02/manifest.json");
        assertThat(BillSlices.billKey("kota-tangerang", APRIL)).isEqualTo("bills/kota-tangerang/2025-04/tagihan-2025-04.csv");
        assertThat(BillSlices.partOf("bills/kota-tangerang/2025-04/part-02/manifest.json")).isEqualTo(2);
        assertThat(BillSlices.manifestLines(BillSlices.manifest(2, 1234, List.of("a", "b")))).isEqualTo(1234);
    }

    @Test
    void merge_ordersRowsByNik_acrossSlices_withCommasQuotesLineBreaksAndFormulasInNames() throws Exception {
        List<ContributionLine> a = List.of(line("3671021203790009", "Santoso, Budi"), line("3671021203790001", "=cmd|' /C calc'!A0"));
        List<ContributionLine> b = List.of(line("3671021203790005", "Siti \"Ucok\"\nAminah"), line("3671021203790002", "Agus"));
        String sliceA = BillSlices.content(new BillFiles.Slice("p", APRIL, 1, 0, 0, "S,G", a));
        String sliceB = BillSlices.content(new BillFiles.Slice("p", APRIL, 1, 1, 0, "S,G", b));

        StringWriter merged = new StringWriter();
        BillSlices.mergePart(List.of(sliceA, sliceB), merged);

        List<ContributionLine> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        assertThat(merged.toString()).isEqualTo(BillCsv.rows("S,G", all.stream().sorted(BillCsv.NIK_ORDER).toList()));
        assertThat(merged.toString()).startsWith("\"S,G\",1,3671021203790001,'=cmd");
    }
}
