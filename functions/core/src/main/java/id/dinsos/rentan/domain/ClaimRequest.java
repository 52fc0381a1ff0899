package id.dinsos.rentan.domain;

import java.time.LocalDate;

/**
 * "If this participant died / had an accident on this date, what would BPJS pay?" {@code outcome},
 * {@code incapacityDays} and {@code transport} concern JKK only; {@code reportedOn} may be null.
 */
public record ClaimRequest(ClaimType type, LocalDate eventDate, String cause, AccidentOutcome outcome, Integer incapacityDays,
                           LocalDate reportedOn, Transport transport) {
}
