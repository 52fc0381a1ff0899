package id.dinsos.rentan.registration;

import id.dinsos.rentan.application.KpjRow;

import java.util.List;

/**
 * Reads the KPJ file of {@code POST /registrations/kpj} ({@link CsvFile}'s conventions): a header
 * with the columns {@code nik} and {@code kpj}, one line per participant. Other columns (a name
 * kept for the reader, say) are ignored. The use case checks each value and reports each line.
 */
final class KpjCsv {
    static final List<String> COLUMNS = List.of("nik", "kpj");
    static final int MAX_ROWS = 20_000;

    private KpjCsv() {
    }

    static List<KpjRow> read(String body) {
        return CsvFile.read(body, "KPJ file", COLUMNS, null, MAX_ROWS).stream()
                .map(line -> new KpjRow(line.number(), line.value("nik"), line.value("kpj")))
                .toList();
    }
}
