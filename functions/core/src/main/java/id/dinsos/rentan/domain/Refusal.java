package id.dinsos.rentan.domain;

import java.util.List;

/**
 * A request the programme turns down. Use cases throw these; one error mapper at the edge turns
 * each kind into its HTTP problem, so no rule knows about HTTP.
 */
public abstract sealed class Refusal extends RuntimeException
        permits Refusal.Invalid, Refusal.NotFound, Refusal.Conflict, Refusal.Ineligible, Refusal.RuleViolation {

    private final String code;

    protected Refusal(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The stable UPPER_SNAKE code the portal translates. */
    public String code() {
        return code;
    }

    /** One problem with one input field. */
    public record FieldError(String field, String code, String message) {
    }

    /** Malformed or invalid input; nothing was changed. */
    public static final class Invalid extends Refusal {
        private final List<FieldError> errors;

        public Invalid(String code, String message, List<FieldError> errors) {
            super(code, message);
            this.errors = List.copyOf(errors);
        }

        public Invalid(List<FieldError> errors) {
            this("VALIDATION_FAILED", "The request has invalid fields.", errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    public static final class NotFound extends Refusal {
        public NotFound(String code, String message) {
            super(code, message);
        }
    }

    /** The request clashes with the current state (already registered, wrong status, concurrent change). */
    public static final class Conflict extends Refusal {
        public Conflict(String code, String message) {
            super(code, message);
        }
    }

    /** Well-formed, but the application fails one or more eligibility rules (R-10..R-15). */
    public static final class Ineligible extends Refusal {
        private final List<IneligibilityReason> reasons;

        public Ineligible(List<IneligibilityReason> reasons) {
            super("INELIGIBLE", "The application does not meet the programme's rules.");
            this.reasons = List.copyOf(reasons);
        }

        public List<IneligibilityReason> reasons() {
            return reasons;
        }
    }

    /** Well-formed, but refused by another rule (e.g. a quota below the places already taken). */
    public static final class RuleViolation extends Refusal {
        public RuleViolation(String code, String message) {
            super(code, message);
        }
    }
}
