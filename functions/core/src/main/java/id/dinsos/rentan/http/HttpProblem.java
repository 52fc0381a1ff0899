package id.dinsos.rentan.http;

/** A refusal that belongs to HTTP itself (no identity, wrong role, unknown route, wrong media type). */
public final class HttpProblem extends RuntimeException {
    private final int status;
    private final String code;

    public HttpProblem(int status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static HttpProblem unauthenticated() {
        return new HttpProblem(401, "UNAUTHENTICATED", "A valid bearer token is required.");
    }

    public static HttpProblem forbidden(String detail) {
        return new HttpProblem(403, "FORBIDDEN", detail);
    }
}
