package id.dinsos.rentan.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An API Gateway HTTP API (payload 2.0) request, read once into what endpoints need. */
public final class ApiRequest {
    private final APIGatewayV2HTTPEvent event;
    private final Map<String, String> headers = new HashMap<>();
    private final Principal principal;
    private final String body;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = context == null ? null : context.getAuthorizer();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = authorizer == null ? null : authorizer.getJwt();
        this.principal = jwt == null ? null : Principal.fromClaims(jwt.getClaims(), jwt.getScopes()).orElse(null);
        String raw = event.getBody();
        this.body = raw != null && event.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(raw), StandardCharsets.UTF_8)
                : raw;
    }

    public String routeKey() {
        return event.getRouteKey();
    }

    public String method() {
        String routeKey = routeKey();
        return routeKey == null ? "" : routeKey.split(" ", 2)[0];
    }

    public String path() {
        return event.getRawPath();
    }

    public String pathParameter(String name) {
        return event.getPathParameters() == null ? null : event.getPathParameters().get(name);
    }

    public Optional<String> query(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? Optional.empty() : Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    public Map<String, String> queryParameters() {
        return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public String body() {
        return body;
    }

    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    public String requestId() {
        return event.getRequestContext() == null || event.getRequestContext().getRequestId() == null
                ? "unknown" : event.getRequestContext().getRequestId();
    }

    /** Refuses a body declared as anything but JSON (415); a missing Content-Type is read as JSON. */
    public void requireJsonBody() {
        String type = contentType();
        if (!type.isEmpty() && !type.equals("application/json") && !type.endsWith("+json")) {
            throw new HttpProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
        }
    }

    /** The media type of the body without parameters, lower-case; empty when absent. */
    public String contentType() {
        return header("content-type").map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    }
}
