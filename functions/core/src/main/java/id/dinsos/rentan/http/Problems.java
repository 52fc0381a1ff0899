package id.dinsos.rentan.http;

import id.dinsos.rentan.domain.RuleReason;
import id.dinsos.rentan.domain.Refusal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one error mapper: turns every domain refusal and HTTP refusal into an RFC 9457 problem, and
 * anything else into a 500 that names the request id and nothing internal.
 */
public final class Problems {
    private static final System.Logger LOG = System.getLogger(Problems.class.getName());

    private Problems() {
    }

    public static HttpResult from(Throwable failure, ApiRequest request) {
        if (failure instanceof Refusal refusal) {
            return fromRefusal(refusal, request);
        }
        if (failure instanceof HttpProblem p) {
            return problem(p.status(), p.code(), p.getMessage(), request, null);
        }
        // A fault of ours: log it whole (our messages never carry a full NIK), answer with the request id only.
        LOG.log(System.Logger.Level.ERROR, "request " + request.requestId() + " " + request.routeKey() + " failed", failure);
        return problem(500, "INTERNAL_ERROR",
                "Something went wrong on our side. Quote request id " + request.requestId() + " when reporting it.", request, null);
    }

    private static HttpResult fromRefusal(Refusal refusal, ApiRequest request) {
        if (refusal instanceof Refusal.Invalid invalid) {
            return problem(400, invalid.code(), invalid.getMessage(), request,
                    Map.of("errors", invalid.errors().stream().map(Problems::fieldError).toList()));
        }
        if (refusal instanceof Refusal.NotFound) {
            return problem(404, refusal.code(), refusal.getMessage(), request, null);
        }
        if (refusal instanceof Refusal.Conflict) {
            return problem(409, refusal.code(), refusal.getMessage(), request, null);
        }
        if (refusal instanceof Refusal.Ineligible ineligible) {
            return problem(422, ineligible.code(), ineligible.getMessage(), request,
                    Map.of("reasons", reasons(ineligible.reasons())));
        }
        return problem(422, refusal.code(), refusal.getMessage(), request, null); // Refusal.RuleViolation
    }

    /** Reasons as {code, rule, message}: refusals by rule here, and the answers of claim checks. */
    public static List<Map<String, String>> reasons(List<? extends RuleReason> reasons) {
        return reasons.stream().map(r -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("code", r.name());
            m.put("rule", r.rule());
            m.put("message", r.message());
            return m;
        }).toList();
    }

    private static Map<String, String> fieldError(Refusal.FieldError e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("field", e.field());
        m.put("code", e.code());
        m.put("message", e.message());
        return m;
    }

    public static HttpResult problem(int status, String code, String detail, ApiRequest request, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        if (request != null) {
            body.put("instance", request.path());
            body.put("requestId", request.requestId());
        }
        if (extra != null) {
            body.putAll(extra);
        }
        return new HttpResult(status, Map.of("Content-Type", "application/problem+json", "Cache-Control", "no-store"), Json.write(body));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            default -> "Internal Server Error";
        };
    }
}
