package id.dinsos.rentan.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Unsigned JWTs for the local runner. The runner decodes a bearer token WITHOUT checking its
 * signature (in AWS the API Gateway JWT authorizer checks it), so these are for local use only.
 */
final class DemoTokens {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private DemoTokens() {
    }

    static String staff(String name) {
        ObjectNode claims = MAPPER.createObjectNode();
        claims.put("sub", "local-staff-" + name);
        claims.put("cognito:username", name);
        claims.putArray("cognito:groups").add("dinsos-staff");
        claims.put("token_use", "access");
        return sign(claims);
    }

    static String portal() {
        ObjectNode claims = MAPPER.createObjectNode();
        claims.put("sub", "local-portal-client");
        claims.put("client_id", "local-portal-client");
        claims.put("scope", "portal/citizen");
        claims.put("token_use", "access");
        return sign(claims);
    }

    private static String sign(ObjectNode claims) {
        Instant now = Instant.now();
        claims.put("iss", "local-runner");
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(Duration.ofDays(30)).getEpochSecond());
        String header = B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    /**
     * The claims of a bearer token as API Gateway hands them to Lambda: every value a string, arrays
     * flattened to "[a b]". Empty when the header is missing, malformed or the token has expired.
     */
    static Optional<Map<String, String>> claims(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode payload = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!payload.isObject()) {
                return Optional.empty();
            }
            if (payload.has("exp") && payload.get("exp").asLong() < Instant.now().getEpochSecond()) {
                return Optional.empty();
            }
            Map<String, String> claims = new LinkedHashMap<>();
            payload.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                if (v.isArray()) {
                    StringBuilder joined = new StringBuilder("[");
                    v.forEach(item -> joined.append(joined.length() > 1 ? " " : "").append(item.asText()));
                    claims.put(e.getKey(), joined.append(']').toString());
                } else {
                    claims.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
                }
            });
            return Optional.of(claims);
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
