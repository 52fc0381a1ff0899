package id.dinsos.rentan.domain;

import java.time.OffsetDateTime;

/**
 * A recorded claim check: who asked, about whom, what, and the answer given. {@code registrationId}
 * is null when nobody was found; {@code nik} is the one asked about or the registration's.
 */
public record ClaimCheck(String id, String programmeId, String registrationId, Nik nik, ClaimRequest request,
                         ClaimAssessment assessment, String askedBy, OffsetDateTime askedAt) {

    @Override
    public String toString() {
        return "ClaimCheck[" + id + ", " + request.type() + ", eligible=" + assessment.eligible() + "]";
    }
}
