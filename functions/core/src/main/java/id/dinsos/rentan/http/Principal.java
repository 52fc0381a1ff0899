package id.dinsos.rentan.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import id.dinsos.rentan.domain.Actor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller. Staff wins over portal when a token carries both.
 *
 * @param subject     the token's {@code sub}: the person's Cognito id, or the portal's client id
 * @param name        who the registration history, payments and claim checks record: a staff member's
 *                    readable name, the portal's client id
 * @param roles       what the caller may do
 * @param roleRefusal why a role the token asks for was not granted (said in the 403), or null
 */
public record Principal(String subject, String name, Set<Role> roles, String roleRefusal) {
    public static final String STAFF_GROUP = "dinsos-staff";
    public static final String PORTAL_SCOPE = "portal/citizen";
    /** Said in the 403 when a staff member sends a token that names no person (README, "Staff sign-in"). */
    public static final String STAFF_NEEDS_ID_TOKEN = "A staff request carries the ID token from sign-in, which names the "
            + "person (claims name, email); this token is in the group " + STAFF_GROUP + " but names nobody, as an access "
            + "token does.";

    /**
     * Reads the JWT claims as API Gateway passes them (arrays flattened to "[a b]", see {@link #values}):
     * staff when {@code cognito:groups} holds exactly {@value #STAFF_GROUP}, portal when {@code scope}
     * (space-separated) or the authorizer's scopes hold exactly {@value #PORTAL_SCOPE}.
     *
     * <p>Staff sign in as people, and what they do is recorded under their readable name: the
     * {@code name} claim, else {@code email}, both in the Cognito ID token. A Cognito access token
     * names nobody readable (its {@code username} is a UUID in a pool whose users sign in by e-mail,
     * and it carries no {@code name} or {@code email}), so a token with the staff group but neither
     * claim is not staff ({@link #roleRefusal} says why): the history never records a UUID. The portal
     * is a machine client (client-credentials access token, {@code sub} = {@code client_id}) and is
     * recorded by its client id.
     */
    public static Optional<Principal> fromClaims(Map<String, String> claims, List<String> scopes) {
        if (claims == null || claims.isEmpty()) {
            return Optional.empty();
        }
        String subject = firstPresent(claims, "sub", "client_id");
        if (subject == null) {
            return Optional.empty();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        String refusal = null;
        String personName = firstPresent(claims, "name", "email");
        if (values(claims.get("cognito:groups")).contains(STAFF_GROUP)) {
            if (personName != null) {
                roles.add(Role.STAFF);
            } else {
                refusal = STAFF_NEEDS_ID_TOKEN;
            }
        }
        if (values(claims.get("scope")).contains(PORTAL_SCOPE) || (scopes != null && scopes.contains(PORTAL_SCOPE))) {
            roles.add(Role.PORTAL);
        }
        String name = roles.contains(Role.STAFF) ? personName : firstPresent(claims, "client_id", "sub");
        return Optional.of(new Principal(subject, name, roles, refusal));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isStaff() {
        return has(Role.STAFF);
    }

    /** Who the domain records in a registration's history: {@code staff:<name>} or {@code portal:<client id>}. */
    public Actor actor() {
        return isStaff() ? Actor.staff(name) : Actor.portal(name);
    }

    /** The 403's detail when this caller has none of {@code needed}: the roles, and why a role the token asks for was not granted. */
    public String forbiddenDetail(Set<Role> needed) {
        String detail = "This route needs the role " + needed + ".";
        return roleRefusal == null ? detail : detail + " " + roleRefusal;
    }

    /**
     * The values of a claim, read exactly. API Gateway hands an array claim to Lambda flattened as
     * {@code [a b c]}: the values inside the brackets, separated by spaces (a Cognito group name has
     * no whitespace). A real JSON array of strings ({@code ["a","b"]}, as emulators pass it) is read
     * as JSON. Any other text is a space-separated list, as the {@code scope} claim is. Commas are
     * never separators and quotes are never stripped, so a group named {@code x,dinsos-staff} or
     * {@code "dinsos-staff"} is not {@code dinsos-staff}. One text is ambiguous: a single group whose
     * name is itself a quoted string flattens to what a JSON array of that string looks like; it is
     * read as the JSON array.
     */
    static List<String> values(String claim) {
        if (claim == null || claim.isBlank()) {
            return List.of();
        }
        if (claim.startsWith("[") && claim.endsWith("]")) {
            List<String> json = jsonArrayOfStrings(claim);
            return json != null ? json : spaceSeparated(claim.substring(1, claim.length() - 1));
        }
        return spaceSeparated(claim);
    }

    private static List<String> jsonArrayOfStrings(String claim) {
        JsonNode node;
        try {
            node = Json.STRICT.readTree(claim);
        } catch (JsonProcessingException notJson) {
            return null;
        }
        if (node == null || !node.isArray()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                return null;
            }
            values.add(element.asText());
        }
        return values;
    }

    private static List<String> spaceSeparated(String text) {
        return Arrays.stream(text.split(" ")).filter(v -> !v.isEmpty()).toList();
    }

    /** The first of the claims that holds text which can be stored ({@link StorableText}), trimmed; null if none does. */
    private static String firstPresent(Map<String, String> claims, String... names) {
        for (String name : names) {
            String value = claims.get(name);
            if (value != null && !value.isBlank() && StorableText.isStorable(value)) {
                return value.strip();
            }
        }
        return null;
    }
}
