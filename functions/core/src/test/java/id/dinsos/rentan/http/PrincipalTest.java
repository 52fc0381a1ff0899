package id.dinsos.rentan.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roles read from the claims the API Gateway JWT authorizer passes on (issue 8): an array claim
 * arrives flattened as {@code [a b c]}, or as a real JSON array; a role needs its exact name. Staff are
 * recorded by their readable name from the ID token, never by the UUID a Cognito access token carries
 * as {@code username} when users sign in by e-mail (issue 9).
 */
class PrincipalTest {

    private static final String UUID = "7d4c2a10-0000-4000-8000-000000000001";

    private static Optional<Principal> withGroups(String groups) {
        return Principal.fromClaims(Map.of("sub", "s1", "name", "Hendra Gunawan", "cognito:groups", groups), null);
    }

    /** A staff member's ID token from a pool whose users sign in by e-mail, as API Gateway flattens it. */
    private static Map<String, String> staffIdToken() {
        Map<String, String> claims = new HashMap<>();
        claims.put("sub", UUID);
        claims.put("cognito:username", UUID);
        claims.put("cognito:groups", "[dinsos-staff]");
        claims.put("email_verified", "true");
        claims.put("aud", "staffclientexample");
        claims.put("token_use", "id");
        claims.put("name", "Hendra Gunawan");
        claims.put("email", "hendra.gunawan@example.com");
        return claims;
    }

    /** The access token of the same sign-in: {@code username} is the UUID, no name, no e-mail. */
    private static Map<String, String> staffAccessToken() {
        return Map.of("sub", UUID, "username", UUID, "cognito:groups", "[dinsos-staff]", "client_id", "staffclientexample",
                "token_use", "access", "scope", "aws.cognito.signin.user.admin");
    }

    @Test
    void aStaffIdToken_isStaff_recordedByThePersonsName_notTheUuid() {
        Principal p = Principal.fromClaims(staffIdToken(), null).orElseThrow();
        assertThat(p.isStaff()).isTrue();
        assertThat(p.subject()).isEqualTo(UUID);
        assertThat(p.actor().label()).isEqualTo("staff:Hendra Gunawan");
        assertThat(p.roleRefusal()).isNull();
    }

    @Test
    void aStaffIdTokenWithoutAName_isRecordedByTheEmail() {
        Map<String, String> claims = staffIdToken();
        claims.remove("name");
        assertThat(Principal.fromClaims(claims, null).orElseThrow().actor().label()).isEqualTo("staff:hendra.gunawan@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Hendra\u0000Gunawan", "\u0007"})
    void aNameThatIsBlankOrCannotBeStored_givesWayToTheEmail(String name) {
        Map<String, String> claims = staffIdToken();
        claims.put("name", name);
        assertThat(Principal.fromClaims(claims, null).orElseThrow().actor().label()).isEqualTo("staff:hendra.gunawan@example.com");
    }

    @Test
    void theNameIsRecordedWithoutSurroundingSpace() {
        Map<String, String> claims = staffIdToken();
        claims.put("name", "  Hendra Gunawan ");
        assertThat(Principal.fromClaims(claims, null).orElseThrow().name()).isEqualTo("Hendra Gunawan");
    }

    @Test
    void aStaffAccessToken_namesNobody_soItIsNotStaff_andThe403SaysToSendTheIdToken() {
        Principal p = Principal.fromClaims(staffAccessToken(), null).orElseThrow();
        assertThat(p.isStaff()).isFalse();
        assertThat(p.has(Role.PORTAL)).isFalse();
        assertThat(p.roleRefusal()).isEqualTo(Principal.STAFF_NEEDS_ID_TOKEN);
        assertThat(p.forbiddenDetail(EnumSet.of(Role.STAFF)))
                .isEqualTo("This route needs the role [STAFF]. " + Principal.STAFF_NEEDS_ID_TOKEN)
                .contains("ID token").doesNotContain(UUID);
    }

    @Test
    void aStaffIdTokenWithoutNameOrEmail_isNotStaff_evenWithACognitoUsername() {
        Map<String, String> claims = staffIdToken();
        claims.remove("name");
        claims.remove("email");
        assertThat(Principal.fromClaims(claims, null).orElseThrow().isStaff()).isFalse();
    }

    @Test
    void thePortalsClientCredentialsToken_isPortal_recordedByItsClientId() {
        Map<String, String> claims = Map.of("sub", "portalclientexample", "client_id", "portalclientexample",
                "scope", "portal/citizen", "token_use", "access", "version", "2");
        Principal p = Principal.fromClaims(claims, null).orElseThrow();
        assertThat(p.has(Role.PORTAL)).isTrue();
        assertThat(p.isStaff()).isFalse();
        assertThat(p.actor().label()).isEqualTo("portal:portalclientexample");
        assertThat(p.forbiddenDetail(EnumSet.of(Role.STAFF))).isEqualTo("This route needs the role [STAFF].");
    }

    private static Optional<Principal> withScope(String scope) {
        return Principal.fromClaims(Map.of("sub", "s1", "client_id", "portal", "scope", scope), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[dinsos-staff]", "[other dinsos-staff]", "[dinsos-staff other]", "[\"dinsos-staff\"]",
            "[\"other\",\"dinsos-staff\"]", "[\"other\", \"dinsos-staff\"]", "dinsos-staff"})
    void theStaffGroup_flattenedByApiGateway_orAsAJsonArray_isStaff(String groups) {
        assertThat(withGroups(groups)).hasValueSatisfying(p -> assertThat(p.isStaff()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x,dinsos-staff", "[x,dinsos-staff]", "[dinsos-staff,x]", "\"dinsos-staff\"", "[other \"dinsos-staff\"]",
            "[\"dinsos-staff\" other]", "['dinsos-staff']", "[dinsos-staff-x]", "[Dinsos-Staff]", "[ dinsos-staff\t]",
            "dinsos-staffs", "[x-dinsos-staff]", "[[dinsos-staff]]", "[\"dinsos-staff,x\"]", "[]", ""})
    void aGroupThatIsNotExactlyDinsosStaff_isNotStaff(String groups) {
        assertThat(withGroups(groups)).hasValueSatisfying(p -> assertThat(p.isStaff()).as(groups).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"portal/citizen", "openid portal/citizen", "portal/citizen openid", "[portal/citizen openid]",
            "[\"openid\",\"portal/citizen\"]"})
    void thePortalScope_spaceSeparated_isPortal(String scope) {
        assertThat(withScope(scope)).hasValueSatisfying(p -> assertThat(p.has(Role.PORTAL)).as(scope).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"openid,portal/citizen", "\"portal/citizen\"", "portal/citizen,openid", "portal/citizens",
            "Portal/Citizen", "portal/citizen/admin", "xportal/citizen", "portal/citizen\u0000"})
    void aScopeThatIsNotExactlyPortalCitizen_isNotPortal(String scope) {
        assertThat(withScope(scope)).hasValueSatisfying(p -> assertThat(p.has(Role.PORTAL)).as(scope).isFalse());
    }

    @Test
    void theScopesListOfTheAuthorizer_countsToo_byExactName() {
        Map<String, String> claims = Map.of("sub", "s1");
        assertThat(Principal.fromClaims(claims, List.of("openid", "portal/citizen")).orElseThrow().has(Role.PORTAL)).isTrue();
        assertThat(Principal.fromClaims(claims, List.of("portal/citizen,openid")).orElseThrow().has(Role.PORTAL)).isFalse();
    }

    @Test
    void claimValues_areReadExactly() {
        assertThat(Principal.values("[a b  c]")).containsExactly("a", "b", "c");
        assertThat(Principal.values("[\"a\",\"b\"]")).containsExactly("a", "b");
        assertThat(Principal.values("[x,dinsos-staff]")).containsExactly("x,dinsos-staff");
        assertThat(Principal.values("\"dinsos-staff\"")).containsExactly("\"dinsos-staff\"");
        assertThat(Principal.values("portal/citizen openid")).containsExactly("portal/citizen", "openid");
        assertThat(Principal.values("  ")).isEmpty();
        assertThat(Principal.values(null)).isEmpty();
    }
}
