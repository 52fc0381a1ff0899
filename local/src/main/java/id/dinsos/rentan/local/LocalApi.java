package id.dinsos.rentan.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import id.dinsos.rentan.application.DecreeImports;
import id.dinsos.rentan.devkit.SamTemplate;
import id.dinsos.rentan.registration.FolderImportFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves every HttpApi route of template.yaml on loopback, the way API Gateway's HTTP API does:
 * match the route, check a bearer token is present, build the payload 2.0 event, call the handler,
 * turn its response back into HTTP.
 */
final class LocalApi implements AutoCloseable {
    private static final DateTimeFormatter API_GATEWAY_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private record Bound(SamTemplate.Function function, SamTemplate.Route route, String[] segments) {
        int literalSegments() {
            int n = 0;
            for (String s : segments) {
                if (!s.startsWith("{")) {
                    n++;
                }
            }
            return n;
        }
    }

    /** System properties: the folder uploads land in, and where this runner listens (for the upload URLs). */
    static final String IMPORT_FOLDER = "IMPORT_FOLDER";
    static final String IMPORT_UPLOAD_BASE = "IMPORT_UPLOAD_BASE";
    /** What S3 does with a pre-signed upload in AWS, the runner does itself: {@code PUT /imports/{id}/file}. */
    private static final java.util.regex.Pattern UPLOAD = java.util.regex.Pattern.compile("/imports/([^/]+)/file");

    private final LocalFunctions functions;
    private final ConsoleSite console;
    private final List<Bound> routes = new ArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);

    LocalApi(LocalFunctions functions, int port) throws IOException {
        this(functions, port, null);
    }

    /** With {@code console} non-null, a GET that matches no API route may fetch a file of the staff console. */
    LocalApi(LocalFunctions functions, int port, ConsoleSite console) throws IOException {
        this.functions = functions;
        this.console = console;
        for (SamTemplate.Function f : functions.functions()) {
            for (SamTemplate.Route r : f.routes()) {
                routes.add(new Bound(f, r, segments(r.path())));
            }
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<String> routeKeys() {
        return routes.stream().map(b -> b.route().routeKey() + "  -> " + b.function().logicalId()).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        int status;
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            java.util.regex.Matcher upload = UPLOAD.matcher(path);
            if (method.equals("PUT") && upload.matches()) {
                status = upload(exchange, upload.group(1));
                System.err.printf("%s %s -> %d (%d ms)%n", method, masked(exchange.getRequestURI().toString()), status,
                        (System.nanoTime() - started) / 1_000_000);
                return;
            }
            Map<String, String> pathParameters = new LinkedHashMap<>();
            Optional<Bound> bound = match(method, path, pathParameters);
            Optional<ConsoleSite.File> file = bound.isEmpty() && console != null && (method.equals("GET") || method.equals("HEAD"))
                    ? console.get(path) : Optional.empty();
            if (file.isPresent()) {
                status = sendBytes(exchange, file.get().status(), file.get().headers(), method.equals("HEAD") ? new byte[0] : file.get().body());
            } else if (bound.isEmpty()) {
                status = send(exchange, 404, Map.of("Content-Type", "application/json"), "{\"message\":\"Not Found\"}", false);
            } else {
                Optional<Map<String, String>> claims = DemoTokens.claims(exchange.getRequestHeaders().getFirst("Authorization"));
                if (bound.get().route().secured() && claims.isEmpty()) {
                    // What the HTTP API's JWT authorizer answers before any function runs.
                    status = send(exchange, 401, Map.of("Content-Type", "application/json", "WWW-Authenticate", "Bearer"),
                            "{\"message\":\"Unauthorized\"}", false);
                } else {
                    JsonNode event = event(exchange, bound.get(), pathParameters, claims.orElse(null));
                    JsonNode response = functions.invoke(bound.get().function().logicalId(), event);
                    status = respond(exchange, response);
                }
            }
            System.err.printf("%s %s -> %d (%d ms)%n", method, masked(exchange.getRequestURI().toString()), status,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            // A handler should never throw; if one does, answer as API Gateway would for a failed invocation.
            e.printStackTrace();
            send(exchange, 500, Map.of("Content-Type", "application/json"), "{\"message\":\"Internal Server Error\"}", false);
        }
    }

    /**
     * The upload of a decree file for {@code POST /imports}, as S3 takes it in AWS: the file is kept in
     * the import folder, then the function that serves {@code POST /imports} gets the SQS event S3's
     * notification would bring, and imports the file (its chunks one after another, in-process) before
     * this answers. A file is taken once per import.
     */
    private int upload(HttpExchange exchange, String id) throws IOException {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        java.nio.file.Path folder = java.nio.file.Path.of(System.getProperty(IMPORT_FOLDER, System.getProperty("java.io.tmpdir")));
        java.nio.file.Path file = FolderImportFiles.fileOf(folder, id);
        if (file == null) {
            return send(exchange, 404, json, "{\"message\":\"Not Found\"}", false);
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
            return send(exchange, 415, json, "{\"message\":\"Upload the decree list as text/csv.\"}", false);
        }
        long max = DecreeImports.MAX_FILE_BYTES;
        byte[] body = exchange.getRequestBody().readNBytes((int) max + 1);
        if (body.length > max) {
            return send(exchange, 413, json, "{\"message\":\"At most " + max + " bytes.\"}", false);
        }
        try {
            java.nio.file.Files.createDirectories(folder);
            java.nio.file.Files.write(file, body, java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (java.nio.file.FileAlreadyExistsException again) {
            return send(exchange, 409, json, "{\"message\":\"This import's file was already uploaded; start a new import.\"}", false);
        }
        String function = functions.functions().stream()
                .filter(f -> f.routes().stream().anyMatch(r -> r.routeKey().equals("POST /imports")))
                .findFirst().orElseThrow().logicalId();
        JsonNode answer = functions.invoke(function, uploadedEvent(id, body.length));
        JsonNode failures = answer.path("batchItemFailures");
        return send(exchange, failures.isEmpty() ? 200 : 500, json, failures.isEmpty() ? "{}" : "{\"message\":\"The import failed; see the log.\"}", false);
    }

    /** The SQS event that S3's notification of an upload brings to the import queue's function in AWS. */
    static JsonNode uploadedEvent(String importId, long size) {
        com.fasterxml.jackson.databind.node.ObjectNode notice = LocalFunctions.MAPPER.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode s3 = notice.putArray("Records").addObject()
                .put("eventSource", "aws:s3").put("eventName", "ObjectCreated:Put").putObject("s3");
        s3.putObject("bucket").put("name", "local-imports");
        s3.putObject("object").put("key", "uploads/" + importId + ".csv").put("size", size);
        com.fasterxml.jackson.databind.node.ObjectNode event = LocalFunctions.MAPPER.createObjectNode();
        event.putArray("Records").addObject().put("messageId", java.util.UUID.randomUUID().toString())
                .put("eventSource", "aws:sqs").put("body", notice.toString());
        return event;
    }

    /**
     * NIKs are never logged in full: a 16-digit run in a logged URL keeps its first and last four digits.
     * Names are never logged: the value of a {@code name} parameter (the staff's search by name) is left out.
     */
    static String masked(String text) {
        String withoutNames = NAME_PARAMETER.matcher(text).replaceAll("$1***");
        return NIK_IN_TEXT.matcher(withoutNames).replaceAll(m -> m.group(1) + "********" + m.group(2));
    }

    private static final java.util.regex.Pattern NAME_PARAMETER = java.util.regex.Pattern.compile("([?&]name=)[^&#]*");

    private static final java.util.regex.Pattern NIK_IN_TEXT = java.util.regex.Pattern.compile("(?<!\\d)(\\d{4})\\d{8}(\\d{4})(?!\\d)");

    private Optional<Bound> match(String method, String path, Map<String, String> parameters) {
        String[] actual = segments(path);
        Bound best = null;
        Map<String, String> bestParameters = null;
        for (Bound b : routes) {
            if (!b.route().method().equals(method) && !b.route().method().equals("ANY")) {
                continue;
            }
            if (b.segments().length != actual.length) {
                continue;
            }
            Map<String, String> found = new LinkedHashMap<>();
            boolean ok = true;
            for (int i = 0; i < actual.length && ok; i++) {
                String expected = b.segments()[i];
                if (expected.startsWith("{") && expected.endsWith("}")) {
                    found.put(expected.substring(1, expected.length() - 1), URLDecoder.decode(actual[i], StandardCharsets.UTF_8));
                } else {
                    ok = expected.equals(actual[i]);
                }
            }
            if (ok && (best == null || b.literalSegments() > best.literalSegments())) {
                best = b;
                bestParameters = found;
            }
        }
        if (best != null) {
            parameters.putAll(bestParameters);
        }
        return Optional.ofNullable(best);
    }

    private static String[] segments(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }

    /** The API Gateway HTTP API payload format 2.0 event for this request. */
    private JsonNode event(HttpExchange exchange, Bound bound, Map<String, String> pathParameters, Map<String, String> claims)
            throws IOException {
        ObjectNode event = LocalFunctions.MAPPER.createObjectNode();
        String routeKey = bound.route().routeKey();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", exchange.getRequestURI().getRawPath());
        String rawQuery = exchange.getRequestURI().getRawQuery();
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        ObjectNode headers = event.putObject("headers");
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        if (rawQuery != null && !rawQuery.isEmpty()) {
            Map<String, String> query = new LinkedHashMap<>();
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.merge(name, value, (a, b) -> a + "," + b); // API Gateway joins repeated names with commas
            }
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach(q::put);
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            pathParameters.forEach(p::put);
        }
        Instant now = Instant.now();
        String requestId = UUID.randomUUID().toString();
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", "127.0.0.1");
        context.put("domainPrefix", "127");
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        http.put("path", exchange.getRequestURI().getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", Optional.ofNullable(exchange.getRequestHeaders().getFirst("User-Agent")).orElse(""));
        context.put("requestId", requestId);
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", API_GATEWAY_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (claims != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode c = jwt.putObject("claims");
            claims.forEach(c::put);
            jwt.putNull("scopes");
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (body.length > 0) {
            boolean text = isText(exchange.getRequestHeaders().getFirst("Content-Type"));
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("x-www-form-urlencoded");
    }

    private static int respond(HttpExchange exchange, JsonNode response) throws IOException {
        if (response == null || !response.has("statusCode")) {
            // A function that returns a plain value: API Gateway answers 200 with it as JSON.
            return send(exchange, 200, Map.of("Content-Type", "application/json"), response == null ? "" : response.toString(), false);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        response.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        String body = response.path("body").isNull() ? "" : response.path("body").asText("");
        return send(exchange, response.get("statusCode").asInt(), headers, body, response.path("isBase64Encoded").asBoolean(false));
    }

    private static int send(HttpExchange exchange, int status, Map<String, String> headers, String body, boolean base64)
            throws IOException {
        return sendBytes(exchange, status, headers, base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8));
    }

    private static int sendBytes(HttpExchange exchange, int status, Map<String, String> headers, byte[] bytes) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        return status;
    }
}
