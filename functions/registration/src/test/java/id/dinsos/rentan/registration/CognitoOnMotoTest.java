package id.dinsos.rentan.registration;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.devkit.CapturedLog;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.LambdaResponse;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SamTemplate;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.devkit.TableFromTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceServerScopeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SoftwareTokenMfaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifySoftwareTokenResponseType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Staff and the portal as Cognito names them (issue 9). A user pool made as template.yaml declares it
 * (sign-in by e-mail, the dinsos-staff group, MFA required with an authenticator app, the staff client
 * reading name and email, the portal's resource server) runs in moto ({@code moto_server}); staff sign
 * in through it (new password, TOTP set-up) and its real tokens are checked as API Gateway's HTTP API
 * JWT authorizer checks them (signature against the pool's JWKS, issuer and audience from
 * template.yaml, expiry), their claims flattened as the authorizer hands them to Lambda, and fed to the
 * real registration handler on DynamoDB Local. The history records the person's readable name, never
 * the UUID that is their Cognito username; the access token of the same sign-in, and a user outside
 * the group, get 403.
 *
 * <p>moto has no OAuth2 token endpoint, so it cannot issue the portal's client-credentials token: the
 * test builds one with exactly the claims Cognito puts in it ({@code sub} = {@code client_id}, {@code
 * scope}, {@code token_use} access, {@code version} 2, no username), for the portal client moto made.
 * Nothing but the pool could sign it, so the authorizer's checks here skip its signature only.
 *
 * <p>moto signs in with {@code USER_PASSWORD_AUTH}, which checks the password; the staff tools use SRP
 * (template.yaml), whose tokens are the same but which moto only pretends to compute. moto accepts any
 * TOTP code unless started with {@code MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true}; the test computes
 * the real one (RFC 6238) anyway.
 *
 * <p>Needs a running moto_server, named by {@code -Dmoto.endpoint=http://127.0.0.1:PORT} or the
 * {@code MOTO_ENDPOINT} environment variable ({@code .ci/run} starts one); skipped otherwise.
 */
class CognitoOnMotoTest {
    private static final Path EVENTS = ProjectFiles.root().resolve("events/registration");
    private static final String PLACEHOLDER = "00000000-0000-4000-8000-000000000001";
    private static final String PROGRAMME_ID = "kota-tangerang";
    private static final Clock MARCH_10 = Clock.fixed(Instant.parse("2025-03-10T02:00:00Z"), ZoneId.of("Asia/Jakarta"));
    private static final Region REGION = Region.AP_SOUTHEAST_3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITI_NIK = "3671014507850001";

    private static final String STAFF_EMAIL = "sri.wulandari@example.com";
    private static final String STAFF_NAME = "Sri Wulandari";
    private static final String UNNAMED_STAFF_EMAIL = "agus.salim@example.com";
    private static final String OUTSIDER_EMAIL = "tamu.dinas@example.com";
    private static final String TEMPORARY_PASSWORD = "Sementara-2025";
    private static final String PASSWORD = "Rahasia-Kuat-2025";

    private static String endpoint;
    private static CognitoIdentityProviderClient cognito;
    private static DynamoDbClient dynamo;
    private static SamTemplate template;
    private static JwtAuthorizer authorizer;
    private static String portalClientId;
    /** Tokens of each sign-in, by e-mail. */
    private static final Map<String, AuthenticationResultType> SIGN_INS = new HashMap<>();

    private String table;
    private RegistrationHandler handler;

    /** The moto_server endpoint from -Dmoto.endpoint or MOTO_ENDPOINT, or null. */
    static String motoEndpoint() {
        String value = System.getProperty("moto.endpoint");
        if (value == null || value.isBlank()) {
            value = System.getenv("MOTO_ENDPOINT");
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    @BeforeAll
    static void userPoolAsTheTemplateDeclaresIt_withThreePeopleSignedIn() throws Exception {
        endpoint = motoEndpoint();
        if (endpoint == null) {
            return; // each test reports itself skipped, with the reason (an aborted @BeforeAll would hide them)
        }
        template = ProjectFiles.readTemplate();
        cognito = CognitoIdentityProviderClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint))
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        dynamo = DynamoDbLocal.embedded();

        JsonNode resources = template.resources();
        JsonNode pool = resources.path("UserPool").path("Properties");
        JsonNode policy = pool.path("Policies").path("PasswordPolicy");
        String poolId = cognito.createUserPool(r -> r
                .poolName("cognito-on-moto-" + UUID.randomUUID())
                .usernameAttributesWithStrings(strings(pool.path("UsernameAttributes")))
                .autoVerifiedAttributesWithStrings(strings(pool.path("AutoVerifiedAttributes")))
                .adminCreateUserConfig(AdminCreateUserConfigType.builder()
                        .allowAdminCreateUserOnly(pool.path("AdminCreateUserConfig").path("AllowAdminCreateUserOnly").asBoolean())
                        .build())
                .policies(UserPoolPolicyType.builder().passwordPolicy(PasswordPolicyType.builder()
                        .minimumLength(policy.path("MinimumLength").asInt())
                        .requireLowercase(policy.path("RequireLowercase").asBoolean())
                        .requireUppercase(policy.path("RequireUppercase").asBoolean())
                        .requireNumbers(policy.path("RequireNumbers").asBoolean())
                        .requireSymbols(policy.path("RequireSymbols").asBoolean())
                        .build()).build())).userPool().id();
        // CloudFormation's EnabledMfas [SOFTWARE_TOKEN_MFA] with MfaConfiguration ON is this call in the API.
        assertThat(strings(pool.path("EnabledMfas"))).containsExactly("SOFTWARE_TOKEN_MFA");
        cognito.setUserPoolMfaConfig(r -> r.userPoolId(poolId)
                .softwareTokenMfaConfiguration(SoftwareTokenMfaConfigType.builder().enabled(true).build())
                .mfaConfiguration(pool.path("MfaConfiguration").asText()));

        String group = resources.path("StaffGroup").path("Properties").path("GroupName").asText();
        cognito.createGroup(r -> r.userPoolId(poolId).groupName(group));

        JsonNode server = resources.path("PortalResourceServer").path("Properties");
        cognito.createResourceServer(r -> r.userPoolId(poolId)
                .identifier(server.path("Identifier").asText())
                .name(server.path("Name").asText())
                .scopes(ResourceServerScopeType.builder()
                        .scopeName(server.path("Scopes").path(0).path("ScopeName").asText())
                        .scopeDescription(server.path("Scopes").path(0).path("ScopeDescription").asText())
                        .build()));
        JsonNode portal = resources.path("PortalClient").path("Properties");
        portalClientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId)
                .clientName(portal.path("ClientName").asText())
                .generateSecret(portal.path("GenerateSecret").asBoolean())
                .allowedOAuthFlowsUserPoolClient(portal.path("AllowedOAuthFlowsUserPoolClient").asBoolean())
                .allowedOAuthFlowsWithStrings(strings(portal.path("AllowedOAuthFlows")))
                .allowedOAuthScopes(strings(portal.path("AllowedOAuthScopes")))).userPoolClient().clientId();

        JsonNode staff = resources.path("StaffClient").path("Properties");
        List<String> flows = new ArrayList<>(strings(staff.path("ExplicitAuthFlows")));
        flows.add("ALLOW_USER_PASSWORD_AUTH"); // moto's SRP is pretend; its password sign-in checks the password
        String staffClientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId)
                .clientName(staff.path("ClientName").asText())
                .generateSecret(staff.path("GenerateSecret").asBoolean())
                .explicitAuthFlowsWithStrings(flows)
                .preventUserExistenceErrors(staff.path("PreventUserExistenceErrors").asText())
                .readAttributes(strings(staff.path("ReadAttributes")))
                .writeAttributes(strings(staff.path("WriteAttributes")))).userPoolClient().clientId();

        JsonNode jwt = resources.path("HttpApi").path("Properties").path("Auth").path("Authorizers").path("CognitoJwt")
                .path("JwtConfiguration");
        Map<String, String> refs = Map.of("AWS::Region", REGION.id(), "UserPool", poolId,
                "PortalClient", portalClientId, "StaffClient", staffClientId);
        List<String> audience = new ArrayList<>();
        jwt.path("audience").forEach(a -> audience.add(SamTemplate.resolve(a, refs)));
        authorizer = new JwtAuthorizer(SamTemplate.resolve(jwt.path("issuer"), refs), audience,
                jwks(URI.create(endpoint + "/" + poolId + "/.well-known/jwks.json")));

        createUser(poolId, STAFF_EMAIL, STAFF_NAME, group);
        createUser(poolId, UNNAMED_STAFF_EMAIL, null, group);
        createUser(poolId, OUTSIDER_EMAIL, "Tamu Dinas", null);
        for (String email : List.of(STAFF_EMAIL, UNNAMED_STAFF_EMAIL, OUTSIDER_EMAIL)) {
            SIGN_INS.put(email, firstSignIn(staffClientId, email));
        }
    }

    @AfterAll
    static void close() {
        if (cognito != null) {
            cognito.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
    }

    @BeforeEach
    void freshTableWithProgramme() {
        assumeTrue(endpoint != null, "moto_server is not running: start it with `moto_server -H 127.0.0.1 -p 5000` and "
                + "run `mvn -B -ntp verify -Dmoto.endpoint=http://127.0.0.1:5000` (or set MOTO_ENDPOINT) to run this test");
        table = "cognito-" + UUID.randomUUID();
        TableFromTemplate.create(dynamo, template, table);
        handler = new RegistrationHandler(dynamo, table, PROGRAMME_ID, MARCH_10);
        LambdaResponse programme = send(event("put-programme.json", idToken(STAFF_EMAIL)));
        assertThat(programme.status()).as(programme.raw()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void theTokensMotoIssues_passTheAuthorizerAsTheTemplateConfiguresIt_andCarryCognitosClaims() {
        Map<String, String> id = authorizer.claims(idToken(STAFF_EMAIL)).orElseThrow();
        String uuid = id.get("sub");
        assertThat(UUID.fromString(uuid)).hasToString(uuid);
        assertThat(id).containsEntry("token_use", "id").containsEntry("cognito:username", uuid)
                .containsEntry("name", STAFF_NAME).containsEntry("email", STAFF_EMAIL)
                .containsEntry("cognito:groups", "[dinsos-staff]").containsKey("aud").doesNotContainKey("username");

        Map<String, String> access = authorizer.claims(accessToken(STAFF_EMAIL)).orElseThrow();
        assertThat(access).containsEntry("token_use", "access").containsEntry("sub", uuid)
                .containsEntry("username", uuid).containsEntry("cognito:groups", "[dinsos-staff]").containsKey("client_id")
                .doesNotContainKeys("cognito:username", "name", "email", "aud");

        assertThat(authorizer.claims(portalToken())).hasValueSatisfying(c -> assertThat(c)
                .containsEntry("sub", portalClientId).containsEntry("client_id", portalClientId)
                .containsEntry("scope", "portal/citizen").containsEntry("token_use", "access")
                .doesNotContainKeys("username", "cognito:username", "cognito:groups"));
        String forged = idToken(STAFF_EMAIL).substring(0, idToken(STAFF_EMAIL).lastIndexOf('.') + 1) + "AAAA";
        assertThat(authorizer.claims(forged)).as("a signature the pool did not make").isEmpty();
    }

    @Test
    void staffSignedInThroughCognito_approve_andTheHistoryRecordsTheirName_neverTheUuid() {
        String uuid = authorizer.claims(idToken(STAFF_EMAIL)).orElseThrow().get("sub");
        try (CapturedLog log = CapturedLog.of("id.dinsos.rentan")) {
            String id = applyThroughThePortal();
            LambdaResponse approved = send(event("approve-registration.json", idToken(STAFF_EMAIL), id));
            assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
            assertThat(approved.body().path("status").asText()).isEqualTo("ACTIVE"); // a place is free
            JsonNode history = approved.body().path("history");
            assertThat(history).hasSize(2);
            assertThat(history.get(0).path("by").asText()).isEqualTo("portal:" + portalClientId);
            assertThat(history.get(1).path("by").asText()).isEqualTo("staff:" + STAFF_NAME);

            LambdaResponse read = send(event("get-registration-staff.json", idToken(STAFF_EMAIL), id));
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().path("history").get(1).path("by").asText()).isEqualTo("staff:" + STAFF_NAME);
            assertThat(read.raw()).doesNotContain(uuid);
            assertThat(log.messages()).as("the name goes into the history, not into logs")
                    .noneMatch(m -> m.contains(STAFF_NAME) || m.contains(STAFF_EMAIL) || m.contains(SITI_NIK));
        }
    }

    @Test
    void aStaffMemberWithoutAName_isRecordedByTheirEmail() {
        LambdaResponse created = send(event("post-registration-staff.json", idToken(UNNAMED_STAFF_EMAIL)));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().path("history").get(0).path("by").asText()).isEqualTo("staff:" + UNNAMED_STAFF_EMAIL);
    }

    @Test
    void theAccessTokenOfTheSameSignIn_namesNobody_andIsRefused403_sayingToSendTheIdToken() {
        String id = applyThroughThePortal();
        LambdaResponse refused = send(event("approve-registration.json", accessToken(STAFF_EMAIL), id));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("FORBIDDEN");
        assertThat(refused.body().path("detail").asText()).contains("ID token");
        assertThat(statusOf(id)).isEqualTo("PENDING_REVIEW");
    }

    @Test
    void aSignedInUserOutsideTheStaffGroup_is403_withEitherToken() {
        String id = applyThroughThePortal();
        for (String token : List.of(idToken(OUTSIDER_EMAIL), accessToken(OUTSIDER_EMAIL))) {
            assertThat(authorizer.claims(token)).as("the authorizer lets the outsider's tokens through").isPresent();
            LambdaResponse refused = send(event("approve-registration.json", token, id));
            assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("FORBIDDEN");
        }
        assertThat(statusOf(id)).isEqualTo("PENDING_REVIEW");
    }

    @Test
    void thePortalsClientCredentialsToken_applies_findsByNik_andIsNotStaff() {
        String id = applyThroughThePortal();
        LambdaResponse found = send(event("search-registrations-by-body-portal.json", portalToken()));
        assertThat(found.status()).as(found.raw()).isEqualTo(200);
        assertThat(found.body().path("items").get(0).path("id").asText()).isEqualTo(id);
        assertThat(found.body().path("items").get(0).path("nik").asText()).isEqualTo("3671********0001");
        assertThat(found.raw()).doesNotContain(SITI_NIK);
        assertThat(send(event("approve-registration.json", portalToken(), id)).status()).isEqualTo(403);
    }

    // ------------------------------------------------------------------ the portal and the handler

    /** Siti applies through the portal (post-registration-portal.json): 201 PENDING_REVIEW; her registration's id. */
    private String applyThroughThePortal() {
        LambdaResponse created = send(event("post-registration-portal.json", portalToken()));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private String statusOf(String id) {
        return send(event("get-registration-staff.json", idToken(STAFF_EMAIL), id)).body().path("status").asText();
    }

    private LambdaResponse send(APIGatewayV2HTTPEvent event) {
        return LambdaResponse.of(handler.handleRequest(event, null));
    }

    private static APIGatewayV2HTTPEvent event(String file, String token) {
        return event(file, token, PLACEHOLDER);
    }

    /**
     * The sample event as API Gateway would deliver it for {@code token}: the bearer header, and the
     * claims the JWT authorizer passes on (the token must pass it), the placeholder id replaced.
     */
    private static APIGatewayV2HTTPEvent event(String file, String token, String id) {
        APIGatewayV2HTTPEvent e = SampleEvents.httpEvent(EVENTS.resolve(file));
        Map<String, String> headers = new HashMap<>(e.getHeaders());
        headers.put("authorization", "Bearer " + token);
        e.setHeaders(headers);
        e.getRequestContext().getAuthorizer().getJwt().setClaims(authorizer.claims(token)
                .orElseThrow(() -> new AssertionError("the JWT authorizer would answer 401 to this token")));
        if (e.getPathParameters() != null && e.getPathParameters().containsKey("id")) {
            e.getPathParameters().put("id", id);
        }
        e.setRawPath(e.getRawPath().replace(PLACEHOLDER, id));
        e.getRequestContext().getHttp().setPath(e.getRequestContext().getHttp().getPath().replace(PLACEHOLDER, id));
        return e;
    }

    private static String idToken(String email) {
        return SIGN_INS.get(email).idToken();
    }

    private static String accessToken(String email) {
        return SIGN_INS.get(email).accessToken();
    }

    /**
     * The portal's client-credentials access token with exactly the claims Cognito issues for that grant
     * (moto cannot issue it): {@code sub} is the client id, no username, no groups. Unsigned.
     */
    private static String portalToken() {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode();
        claims.put("sub", portalClientId);
        claims.put("token_use", "access");
        claims.put("scope", "portal/citizen");
        claims.put("auth_time", now);
        claims.put("iss", authorizer.issuer());
        claims.put("exp", now + 3600);
        claims.put("iat", now);
        claims.put("version", 2);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("client_id", portalClientId);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    // ------------------------------------------------------------------ Cognito

    private static void createUser(String poolId, String email, String name, String group) {
        List<AttributeType> attributes = new ArrayList<>();
        attributes.add(AttributeType.builder().name("email").value(email).build());
        attributes.add(AttributeType.builder().name("email_verified").value("true").build());
        if (name != null) {
            attributes.add(AttributeType.builder().name("name").value(name).build());
        }
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username(email).temporaryPassword(TEMPORARY_PASSWORD)
                .userAttributes(attributes).messageAction(MessageActionType.SUPPRESS));
        if (group != null) {
            cognito.adminAddUserToGroup(r -> r.userPoolId(poolId).username(email).groupName(group));
        }
    }

    /**
     * A new account's first sign-in, as the pool requires it: the temporary password, a new password,
     * then setting up the authenticator app (MFA is ON), and the tokens.
     */
    private static AuthenticationResultType firstSignIn(String clientId, String email) throws Exception {
        var started = cognito.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", email, "PASSWORD", TEMPORARY_PASSWORD)));
        assertThat(started.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        var changed = cognito.respondToAuthChallenge(r -> r.clientId(clientId).session(started.session())
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .challengeResponses(Map.of("USERNAME", email, "NEW_PASSWORD", PASSWORD)));
        assertThat(changed.challengeName()).as("MFA is required").isEqualTo(ChallengeNameType.MFA_SETUP);
        var secret = cognito.associateSoftwareToken(r -> r.session(changed.session()));
        String code = Totp.now(secret.secretCode());
        var verified = cognito.verifySoftwareToken(r -> r.session(secret.session())
                .userCode(code).friendlyDeviceName("ponsel kantor"));
        assertThat(verified.status()).isEqualTo(VerifySoftwareTokenResponseType.SUCCESS);
        var signedIn = cognito.respondToAuthChallenge(r -> r.clientId(clientId).session(verified.session())
                .challengeName(ChallengeNameType.MFA_SETUP).challengeResponses(Map.of("USERNAME", email)));
        assertThat(signedIn.authenticationResult()).as("tokens after the MFA set-up").isNotNull();
        return signedIn.authenticationResult();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Map<String, PublicKey> jwks(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("the pool's JWKS at " + uri).isEqualTo(200);
        Map<String, PublicKey> keys = new HashMap<>();
        for (JsonNode key : JSON.readTree(response.body()).path("keys")) {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            RSAPublicKeySpec spec = new RSAPublicKeySpec(new BigInteger(1, b64.decode(key.path("n").asText())),
                    new BigInteger(1, b64.decode(key.path("e").asText())));
            keys.put(key.path("kid").asText(), KeyFactory.getInstance("RSA").generatePublic(spec));
        }
        return keys;
    }

    /**
     * What API Gateway's HTTP API JWT authorizer does before Lambda sees a request: the token's RS256
     * signature against the issuer's JWKS, {@code iss} equal to the configured issuer, {@code aud} (or,
     * without it, {@code client_id}) one of the configured audiences, not expired; then every claim
     * handed on as a string, an array flattened to {@code [a b]}. Empty where it would answer 401.
     */
    record JwtAuthorizer(String issuer, List<String> audience, Map<String, PublicKey> keys) {
        Optional<Map<String, String>> claims(String token) {
            try {
                String[] parts = token.split("\\.", -1);
                if (parts.length != 3) {
                    return Optional.empty();
                }
                Base64.Decoder b64 = Base64.getUrlDecoder();
                JsonNode header = JSON.readTree(b64.decode(parts[0]));
                JsonNode payload = JSON.readTree(b64.decode(parts[1]));
                boolean builtForTheTest = header.path("alg").asText().equals("none")
                        && payload.path("client_id").asText().equals(portalClientId);
                if (!builtForTheTest && !signedByThePool(header, parts)) {
                    return Optional.empty();
                }
                String aud = payload.hasNonNull("aud") ? payload.path("aud").asText() : payload.path("client_id").asText();
                if (!payload.path("iss").asText().equals(issuer) || !audience.contains(aud)
                        || payload.path("exp").asLong() <= Instant.now().getEpochSecond()) {
                    return Optional.empty();
                }
                Map<String, String> claims = new LinkedHashMap<>();
                payload.fields().forEachRemaining(claim -> claims.put(claim.getKey(), flattened(claim.getValue())));
                return Optional.of(claims);
            } catch (Exception unreadable) {
                return Optional.empty();
            }
        }

        private boolean signedByThePool(JsonNode header, String[] parts) throws Exception {
            PublicKey key = keys.get(header.path("kid").asText());
            if (key == null || !header.path("alg").asText().equals("RS256")) {
                return false;
            }
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
        }

        private static String flattened(JsonNode value) {
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.isValueNode() ? item.asText() : item.toString()));
                return "[" + String.join(" ", items) + "]";
            }
            return value.isValueNode() ? value.asText() : value.toString();
        }
    }

    /** RFC 6238 time-based one-time passwords, as an authenticator app computes them (SHA-1, 30 s, 6 digits). */
    static final class Totp {
        private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        private Totp() {
        }

        static String now(String base32Secret) throws Exception {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(Instant.now().getEpochSecond() / 30).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
        }

        private static byte[] base32(String text) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int buffer = 0;
            int bits = 0;
            for (char c : text.toUpperCase(Locale.ROOT).replace("=", "").toCharArray()) {
                int value = BASE32.indexOf(c);
                if (value < 0) {
                    throw new IllegalArgumentException("not base32: " + text);
                }
                buffer = ((buffer << 5) | value) & 0xfff; // at most 12 bits are pending
                bits += 5;
                if (bits >= 8) {
                    out.write((buffer >> (bits - 8)) & 0xff);
                    bits -= 8;
                }
            }
            return out.toByteArray();
        }
    }
}
