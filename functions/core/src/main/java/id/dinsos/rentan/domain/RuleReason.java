package id.dinsos.rentan.domain;

/** A reason a rule gives for its answer: a stable code the portal translates, the rule's id (R-nn), a message. */
public interface RuleReason {
    /** The stable UPPER_SNAKE code. */
    String name();

    String rule();

    String message();
}
