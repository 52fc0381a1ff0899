package id.dinsos.rentan.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roles read from the claims the API Gateway JWT authorizer passes on (issue 8): an array claim
 * arrives flattened as {@code [a b c]}, or as a real JSON array; a role needs its exact name.
 */
class PrincipalTest {

    private static Optional<Principal> withGroups(String groups) {
        return Principal.fromClaims(Map.of("sub", "s1", "cognito:username", "petugas", "cognito:groups", groups), null);
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
