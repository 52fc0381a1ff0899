package id.dinsos.rentan.domain;

import java.time.OffsetDateTime;

/** One change of a registration's status: who made it, when, and why. {@code from} is null for the first. */
public record StatusChange(OffsetDateTime at, String by, RegistrationStatus from, RegistrationStatus to, String reason) {
}
