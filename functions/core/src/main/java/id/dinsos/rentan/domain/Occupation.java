package id.dinsos.rentan.domain;

/**
 * The informal-worker groups of R-13. {@link #OTHER_INFORMAL} qualifies only through DTSEN or a
 * declared disability ({@link Application#disability()}, R-13).
 */
public enum Occupation {
    FISHER, FARMER, OJEK_DRIVER, DAILY_LABOURER, PUBLIC_TRANSPORT_DRIVER, PARKING_ATTENDANT, DISABLED_WORKER, OTHER_INFORMAL
}
