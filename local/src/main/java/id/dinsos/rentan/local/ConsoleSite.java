package id.dinsos.rentan.local;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The staff console (module {@code console}) served beside the API, as CloudFront serves it in AWS:
 * the files from the classpath under {@code /console/}, and a {@code config.json} that signs the
 * browser in with the runner's demo staff identity (never done in AWS, where the user pool's hosted
 * sign-in does it).
 */
final class ConsoleSite {
    /** Static file answer: status, headers and bytes. */
    record File(int status, Map<String, String> headers, byte[] body) {
    }

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    /**
     * The same policy the CloudFront response-headers policy sets in AWS, so that a page that breaks
     * it (an inline script, a style attribute in HTML) fails here first.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private final String staffName;
    private final LocalDate today;

    ConsoleSite(String staffName, LocalDate today) {
        this.staffName = staffName;
        this.today = today;
    }

    /** The file for a GET of {@code path}, or empty when the path names no file of the console. */
    Optional<File> get(String path) {
        if (path.equals("/config.json")) {
            return Optional.of(file(200, "json", config().getBytes(StandardCharsets.UTF_8)));
        }
        String name = path.equals("/") || path.isEmpty() ? "/index.html" : path;
        if (name.contains("..") || name.contains("//") || name.contains("\\") || !name.matches("/[A-Za-z0-9._/-]+")) {
            return Optional.empty();
        }
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!TYPES.containsKey(extension)) {
            return Optional.empty();
        }
        try (InputStream in = ConsoleSite.class.getResourceAsStream("/console" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(file(200, extension, in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the console is on the classpath at all (it is, in the runner's jar and in tests). */
    static boolean present() {
        return ConsoleSite.class.getResource("/console/index.html") != null;
    }

    String config() {
        ObjectNode config = LocalFunctions.MAPPER.createObjectNode();
        config.put("apiBaseUrl", "");
        ObjectNode auth = config.putObject("auth");
        auth.put("mode", "local");
        auth.put("name", staffName);
        auth.put("token", DemoTokens.staff(staffName));
        if (today != null) {
            config.put("today", today.toString());
        }
        return config.toString();
    }

    private static File file(int status, String extension, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", TYPES.get(extension));
        // The runner serves files straight from the build: never let the browser keep an old copy.
        headers.put("Cache-Control", "no-cache");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        if (extension.equals("html")) {
            headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.put("X-Frame-Options", "DENY");
        }
        return new File(status, headers, body);
    }
}
