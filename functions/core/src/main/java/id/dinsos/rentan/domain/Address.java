package id.dinsos.rentan.domain;

/** The address on the KTP/KK; residence is judged by its kecamatan, never by the NIK prefix. */
public record Address(String street, String kelurahan, String kecamatan) {
}
