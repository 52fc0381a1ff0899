package id.dinsos.rentan.domain;

/** What a work accident led to. */
public enum AccidentOutcome { TREATMENT, TEMPORARY_INCAPACITY, PERMANENT_TOTAL_DISABILITY, DEATH }
