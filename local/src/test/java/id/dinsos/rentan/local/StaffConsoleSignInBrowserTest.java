package id.dinsos.rentan.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's AWS sign-in in a real browser: the authorization code grant with PKCE (RFC 7636)
 * against a stand-in for the user pool's hosted sign-in that checks what Cognito checks (client id,
 * redirect URI, S256 challenge against the verifier, one use per code). The console must come back
 * to the screen it started on, call the API with the ID token (it names the person, issue 9), turn
 * away an account outside the dinsos-staff group, and sign out through the hosted sign-out.
 */
class StaffConsoleSignInBrowserTest {
    private static final String CLIENT_ID = "console-client-id";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static HttpServer server;
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static String origin;
    private static final ConsoleSite FILES = new ConsoleSite("unused", null);

    /** What the stand-in was asked, for the assertions. */
    private static final Map<String, String> challengeByCode = new ConcurrentHashMap<>();
    private static final List<String> apiAuthorizations = new CopyOnWriteArrayList<>();
    private static final List<String> logouts = new CopyOnWriteArrayList<>();
    private static final List<String> tokenErrors = new CopyOnWriteArrayList<>();
    private static volatile String issuedIdToken;
    private static volatile List<String> nextGroups = List.of("dinsos-staff");

    @BeforeAll
    static void start() throws IOException {
        browser = Chromium.start(null);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", StaffConsoleSignInBrowserTest::serve);
        server.start();
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @BeforeEach
    void signedOut() {
        browser.get(origin + "/blank.txt");
        browser.executeScript("sessionStorage.clear(); localStorage.clear();");
        apiAuthorizations.clear();
        logouts.clear();
        tokenErrors.clear();
        nextGroups = List.of("dinsos-staff");
    }

    @Test
    void staffSignIn_usesTheCodeGrantWithPkce_returnsToTheScreen_andCallsTheApiWithTheIdToken() {
        browser.get(origin + "/#/dasbor");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "Dasbor program"));
        assertThat(tokenErrors).as("the stand-in's checks of the token request").isEmpty();
        assertThat(browser.getCurrentUrl()).as("back on the screen it started on, without the code in the address")
                .isEqualTo(origin + "/#/dasbor");
        assertThat(browser.findElement(By.id("user-name")).getText()).isEqualTo("Siti Petugas");
        assertThat(browser.findElement(By.id("local-banner")).isDisplayed()).as("no local-mode band in AWS").isFalse();
        assertThat(browser.findElement(By.id("programme-name")).getText()).isEqualTo("Program uji");
        assertThat(apiAuthorizations).isNotEmpty().allMatch(a -> a.equals("Bearer " + issuedIdToken));
        Chromium.assertNoBrowserErrors(browser);
    }

    @Test
    void anAccountOutsideTheStaffGroup_isTurnedAwayWithAMessage() {
        nextGroups = List.of();
        browser.get(origin + "/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "bukan anggota kelompok staf"));
        assertThat(apiAuthorizations).as("the API is never called for a non-staff account").isEmpty();
    }

    @Test
    void signOut_endsTheSessionThroughTheHostedSignOut() {
        browser.get(origin + "/#/dasbor");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out"))).click();
        wait.until(d -> !logouts.isEmpty());
        assertThat(form(logouts.get(0))).containsEntry("client_id", CLIENT_ID).containsEntry("logout_uri", origin + "/");
        assertThat(browser.executeScript("return sessionStorage.getItem('console.session')")).isNull();
    }

    // ------------------------------------------------------------------ the stand-in

    private static void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            switch (path) {
                case "/config.json" -> send(exchange, 200, "application/json", config());
                case "/blank.txt" -> send(exchange, 200, "text/plain", "");
                case "/oauth2/authorize" -> authorize(exchange, query);
                case "/oauth2/token" -> token(exchange);
                case "/logout" -> {
                    logouts.add(exchange.getRequestURI().getRawQuery());
                    send(exchange, 200, "text/plain", "signed out");
                }
                case "/api/programme" -> {
                    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                    apiAuthorizations.add(String.valueOf(authorization));
                    send(exchange, 200, "application/json", """
                            {"name":"Program uji","quota":10,"counts":{"PENDING_REVIEW":0,"ACTIVE":0,"WAITLISTED":0,"REJECTED":0,"ENDED":0},
                             "freePlaces":10,"kecamatan":["Karawaci"],"budgets":[],"warnings":[]}""");
                }
                default -> {
                    if (path.startsWith("/api/")) {
                        send(exchange, 404, "application/problem+json", "{\"status\":404,\"code\":\"ROUTE_NOT_FOUND\",\"title\":\"Not Found\"}");
                        return;
                    }
                    Optional<ConsoleSite.File> file = FILES.get(path);
                    if (file.isEmpty()) {
                        send(exchange, 404, "text/plain", "not found");
                        return;
                    }
                    file.get().headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                    exchange.sendResponseHeaders(200, file.get().body().length);
                    exchange.getResponseBody().write(file.get().body());
                }
            }
        }
    }

    private static String config() {
        ObjectNode config = LocalFunctions.MAPPER.createObjectNode();
        config.put("apiBaseUrl", origin + "/api");
        ObjectNode auth = config.putObject("auth");
        auth.put("mode", "cognito");
        auth.put("domain", origin);
        auth.put("clientId", CLIENT_ID);
        auth.put("redirectUri", origin + "/");
        auth.putArray("scopes").add("openid").add("email").add("profile");
        return config.toString();
    }

    private static void authorize(HttpExchange exchange, Map<String, String> q) throws IOException {
        boolean ok = "code".equals(q.get("response_type")) && CLIENT_ID.equals(q.get("client_id"))
                && (origin + "/").equals(q.get("redirect_uri")) && "S256".equals(q.get("code_challenge_method"))
                && q.getOrDefault("code_challenge", "").matches("[A-Za-z0-9_-]{43}") && q.containsKey("state")
                && q.getOrDefault("scope", "").contains("openid");
        if (!ok) {
            send(exchange, 400, "text/plain", "bad authorize request: " + q);
            return;
        }
        String code = UUID.randomUUID().toString();
        challengeByCode.put(code, q.get("code_challenge"));
        exchange.getResponseHeaders().set("Location", q.get("redirect_uri") + "?code=" + code + "&state=" + q.get("state"));
        exchange.sendResponseHeaders(302, -1);
    }

    private static void token(HttpExchange exchange) throws IOException {
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String challenge = challengeByCode.remove(f.getOrDefault("code", ""));
        String problem = challenge == null ? "unknown or reused code"
                : !"authorization_code".equals(f.get("grant_type")) ? "grant_type"
                : !CLIENT_ID.equals(f.get("client_id")) ? "client_id"
                : !(origin + "/").equals(f.get("redirect_uri")) ? "redirect_uri"
                : !challenge.equals(s256(f.getOrDefault("code_verifier", ""))) ? "code_verifier does not match the challenge"
                : null;
        if (problem != null) {
            tokenErrors.add(problem);
            send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"" + problem + "\"}");
            return;
        }
        Instant now = Instant.now();
        ObjectNode id = LocalFunctions.MAPPER.createObjectNode();
        id.put("sub", "9b1f4a52-6c1e-4d0e-8f7a-3f2f0c1d2e3f");
        id.put("cognito:username", "9b1f4a52-6c1e-4d0e-8f7a-3f2f0c1d2e3f");
        id.put("name", "Siti Petugas");
        id.put("email", "siti.petugas@dinsos.example");
        id.put("aud", CLIENT_ID);
        id.put("token_use", "id");
        id.put("iat", now.getEpochSecond());
        id.put("exp", now.plusSeconds(3600).getEpochSecond());
        var groups = id.putArray("cognito:groups");
        nextGroups.forEach(groups::add);
        issuedIdToken = jwt(id);
        ObjectNode access = LocalFunctions.MAPPER.createObjectNode();
        access.put("sub", id.get("sub").asText());
        access.put("client_id", CLIENT_ID);
        access.put("token_use", "access");
        access.put("username", id.get("sub").asText());
        ObjectNode answer = LocalFunctions.MAPPER.createObjectNode();
        answer.put("id_token", issuedIdToken);
        answer.put("access_token", jwt(access));
        answer.put("expires_in", 3600);
        answer.put("token_type", "Bearer");
        send(exchange, 200, "application/json", answer.toString());
    }

    private static String jwt(ObjectNode claims) {
        return B64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static String s256(String verifier) {
        try {
            return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        return java.util.Arrays.stream(raw.split("&")).filter(p -> !p.isEmpty()).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "", (a, b) -> b));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
