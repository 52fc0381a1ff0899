package id.dinsos.rentan.http;

import id.dinsos.rentan.domain.Actor;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The authenticated caller. Staff wins over portal when a token carries both. */
public record Principal(String subject, String name, Set<Role> roles) {
    public static final String STAFF_GROUP = "dinsos-staff";
    public static final String PORTAL_SCOPE = "portal/citizen";

    /** Reads the JWT claims as API Gateway passes them (arrays flattened to "[a b]"). */
    public static Optional<Principal> fromClaims(Map<String, String> claims, List<String> scopes) {
        if (claims == null || claims.isEmpty()) {
            return Optional.empty();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (values(claims.get("cognito:groups")).contains(STAFF_GROUP)) {
            roles.add(Role.STAFF);
        }
        if (values(claims.get("scope")).contains(PORTAL_SCOPE) || (scopes != null && scopes.contains(PORTAL_SCOPE))) {
            roles.add(Role.PORTAL);
        }
        String subject = firstPresent(claims, "sub", "client_id");
        if (subject == null) {
            return Optional.empty();
        }
        String name = firstPresent(claims, "cognito:username", "username", "client_id", "sub");
        return Optional.of(new Principal(subject, name, roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isStaff() {
        return has(Role.STAFF);
    }

    /** Who the domain records in a registration's history. */
    public Actor actor() {
        return isStaff() ? Actor.staff(name) : Actor.portal(name);
    }

    static List<String> values(String claim) {
        if (claim == null || claim.isBlank()) {
            return List.of();
        }
        String trimmed = claim.trim();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        return Arrays.stream(trimmed.split("[\\s,]+"))
                .map(v -> v.replace("\"", ""))
                .filter(v -> !v.isEmpty())
                .toList();
    }

    private static String firstPresent(Map<String, String> claims, String... names) {
        for (String name : names) {
            String value = claims.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
