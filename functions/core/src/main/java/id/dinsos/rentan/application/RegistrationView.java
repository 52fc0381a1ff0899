package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Registration;

/**
 * A registration with what is derived from other items: its place in the waitlist and how many
 * consecutive months have been paid for it (0 until the monthly run has charged one).
 */
public record RegistrationView(Registration registration, long waitlistPosition, int consecutivePaidMonths) {
}
