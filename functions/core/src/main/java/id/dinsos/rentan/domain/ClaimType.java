package id.dinsos.rentan.domain;

/** JKM: death not caused by work (R-30..R-32). JKK: a work accident, including death caused by one (R-33..R-35). */
public enum ClaimType { JKM, JKK }
