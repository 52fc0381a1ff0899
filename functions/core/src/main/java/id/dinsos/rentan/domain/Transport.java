package id.dinsos.rentan.domain;

/** How the injured were taken for treatment; each has its own ceiling. */
public enum Transport { LAND, SEA, AIR }
