package id.dinsos.rentan.application;

/**
 * One line of a KPJ file as written: the NIK and the KPJ number BPJS assigned to it, each
 * null when the cell is empty. {@link RecordKpjNumbers} checks both.
 */
public record KpjRow(int line, String nik, String kpj) {
}
