package id.dinsos.rentan.domain;

/** Where a registration stands. A NIK may hold at most one live registration per programme. */
public enum RegistrationStatus {
    PENDING_REVIEW, ACTIVE, WAITLISTED, REJECTED, ENDED;

    /** Live registrations block another registration for the same NIK. */
    public boolean isLive() {
        return this == PENDING_REVIEW || this == ACTIVE || this == WAITLISTED;
    }
}
