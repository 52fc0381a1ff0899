package id.dinsos.rentan.domain;

/** Where a month's run stands. A BLOCKED_BUDGET run wrote nothing and may be run again. */
public enum RunStatus { IN_PROGRESS, COMPLETED, BLOCKED_BUDGET }
