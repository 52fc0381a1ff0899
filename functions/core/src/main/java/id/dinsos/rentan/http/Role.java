package id.dinsos.rentan.http;

/** What a caller may do, from the JWT the API Gateway authorizer checked. */
public enum Role {
    /**
     * Dinas Sosial staff: claim {@code cognito:groups} contains {@code dinsos-staff}, in a token that names the
     * person ({@code name} or {@code email}: the Cognito ID token), see {@link Principal#fromClaims}.
     */
    STAFF,
    /** The citizen portal's machine client: claim {@code scope} contains {@code portal/citizen}. */
    PORTAL
}
