package id.dinsos.rentan.domain;

/** Sex as recorded on the KTP; it must agree with the NIK's encoding. */
public enum Sex { M, F }
