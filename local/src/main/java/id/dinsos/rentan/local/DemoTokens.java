package id.dinsos.rentan.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Unsigned JWTs for the local runner. The runner decodes a bearer token WITHOUT checking its
 * signature (in AWS the API Gateway JWT authorizer checks it), so these are for local use only.
 * They carry the claims Cognito puts in the tokens the clients send in AWS (README, "Staff
 * sign-in"): staff the ID token of a user who signs in by e-mail, the portal the access token of
 * its client-credentials grant.
 */
final class DemoTokens {
    static final String DEMO_STAFF_NAME = "Petugas Demo";
    /** The app clients' ids in the demo tokens: a staff ID token's {@code aud}, the portal's {@code client_id}. */
    static final String STAFF_CLIENT_ID = "local-staff-client";
    static final String PORTAL_CLIENT_ID = "local-portal-client";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private DemoTokens() {
    }

    /**
     * A staff member's ID token: {@code name} is who the history records. As in a pool whose users sign
     * in by e-mail, {@code sub} and {@code cognito:username} are one UUID (here derived from the name),
     * and {@code email} is the sign-in address.
     */
    static String staff(String name) {
        String uuid = UUID.nameUUIDFromBytes(("local-staff:" + name).getBytes(StandardCharsets.UTF_8)).toString();
        ObjectNode claims = MAPPER.createObjectNode();
        claims.put("sub", uuid);
        claims.putArray("cognito:groups").add("dinsos-staff");
        claims.put("email_verified", true);
        claims.put("cognito:username", uuid);
        claims.put("aud", STAFF_CLIENT_ID);
        claims.put("token_use", "id");
        claims.put("auth_time", Instant.now().getEpochSecond());
        claims.put("name", name);
        claims.put("email", emailOf(name));
        return sign(claims);
    }

    /** The portal's client-credentials access token: it names the client only ({@code sub} = {@code client_id}), no user. */
    static String portal() {
        ObjectNode claims = MAPPER.createObjectNode();
        claims.put("sub", PORTAL_CLIENT_ID);
        claims.put("token_use", "access");
        claims.put("scope", "portal/citizen");
        claims.put("auth_time", Instant.now().getEpochSecond());
        claims.put("version", 2);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("client_id", PORTAL_CLIENT_ID);
        return sign(claims);
    }

    /** A demo sign-in address for a name: "Petugas Demo" signs in as petugas.demo@example.com. */
    static String emailOf(String name) {
        String local = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".").replaceAll("^\\.|\\.$", "");
        return (local.isEmpty() ? "staff" : local) + "@example.com";
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
