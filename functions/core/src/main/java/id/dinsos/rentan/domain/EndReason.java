package id.dinsos.rentan.domain;

/** Why an enrolment ended. Death, moving away and becoming a wage earner free a place; arrears end it too. */
public enum EndReason { DIED, MOVED_AWAY, BECAME_WAGE_EARNER, WITHDREW, ARREARS }
