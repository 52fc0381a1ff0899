package id.dinsos.rentan.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.SamTemplate;
import id.dinsos.rentan.devkit.TableFromTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the whole system on one machine: DynamoDB Local, the table from template.yaml, a demo
 * programme, and every route of template.yaml on http://127.0.0.1:3000 calling the real handlers.
 *
 * <pre>
 * java -jar local/target/local-runner.jar [--port N] [--data-dir DIR] [--today YYYY-MM-DD] [--template FILE]
 * java -jar local/target/local-runner.jar invoke FUNCTION_LOGICAL_ID --event FILE [--data-dir DIR] [--today YYYY-MM-DD]
 * java -jar local/target/local-runner.jar token staff|portal [--name "FULL NAME"]
 * </pre>
 */
public final class LocalRunner implements AutoCloseable {
    static final String TABLE_NAME = "pekerja-rentan-local";
    private static final String USAGE = """
            usage:
              java -jar local/target/local-runner.jar [--port N] [--data-dir DIR] [--today YYYY-MM-DD] [--template FILE]
              java -jar local/target/local-runner.jar invoke FUNCTION_LOGICAL_ID --event FILE [--data-dir DIR] [--today YYYY-MM-DD]
              java -jar local/target/local-runner.jar token staff|portal [--name "FULL NAME"]
            """;

    /** Parsed command line. {@code command} is serve, invoke or token. */
    record Options(String command, int port, Path dataDir, LocalDate today, Path template, String function, Path event,
                   String role, String name) {

        static Options parse(String... args) {
            String command = "serve";
            int i = 0;
            if (args.length > 0 && !args[0].startsWith("--")) {
                command = args[0];
                i = 1;
            }
            int port = 3000;
            Path dataDir = null;
            LocalDate today = null;
            Path template = null;
            String function = null;
            Path event = null;
            String role = null;
            String name = DemoTokens.DEMO_STAFF_NAME;
            if (command.equals("invoke") || command.equals("token")) {
                if (i >= args.length || args[i].startsWith("--")) {
                    throw new IllegalArgumentException(command + " needs " + (command.equals("invoke") ? "a function logical id" : "staff or portal"));
                }
                if (command.equals("invoke")) {
                    function = args[i++];
                } else {
                    role = args[i++];
                }
            } else if (!command.equals("serve")) {
                throw new IllegalArgumentException("unknown command " + command);
            }
            for (; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--help") || flag.equals("-h")) {
                    throw new IllegalArgumentException("");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--port" -> {
                        try {
                            port = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--port takes a number, not " + value);
                        }
                        if (port < 0 || port > 65535) {
                            throw new IllegalArgumentException("--port must be 0..65535");
                        }
                    }
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--today" -> {
                        try {
                            today = LocalDate.parse(value);
                        } catch (DateTimeParseException e) {
                            throw new IllegalArgumentException("--today takes YYYY-MM-DD, not " + value);
                        }
                    }
                    case "--template" -> template = Path.of(value);
                    case "--event" -> event = Path.of(value);
                    case "--name" -> name = value;
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (command.equals("invoke") && event == null) {
                throw new IllegalArgumentException("invoke needs --event FILE");
            }
            if (command.equals("token") && !role.equals("staff") && !role.equals("portal")) {
                throw new IllegalArgumentException("token takes staff or portal, not " + role);
            }
            return new Options(command, port, dataDir, today, template, function, event, role, name);
        }
    }

    private final DynamoDbLocal.Server dynamo;
    private final LocalFunctions functions;
    private final SamTemplate template;
    private LocalApi api;

    private LocalRunner(DynamoDbLocal.Server dynamo, SamTemplate template, LocalFunctions functions) {
        this.dynamo = dynamo;
        this.template = template;
        this.functions = functions;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.print(USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        switch (options.command()) {
            case "token" -> System.out.println(options.role().equals("staff") ? DemoTokens.staff(options.name()) : DemoTokens.portal());
            case "invoke" -> {
                try (LocalRunner runner = start(options)) {
                    JsonNode response = runner.invoke(options.function(), LocalFunctions.MAPPER.readTree(Files.readString(options.event())));
                    System.out.println(response.toPrettyString());
                } catch (IOException e) {
                    System.err.println("error: cannot read " + options.event() + ": " + e.getMessage());
                    System.exit(2);
                }
                // DynamoDB Local leaves non-daemon threads behind; the invocation is over.
                System.exit(0);
            }
            default -> serve(options);
        }
    }

    private static void serve(Options options) {
        LocalRunner runner = start(options);
        try {
            runner.listen(options.port(), options.name(), options.today());
        } catch (IOException e) {
            runner.close();
            System.err.println("error: cannot listen on 127.0.0.1:" + options.port() + " (" + e.getMessage() + ")");
            System.exit(1);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runner::close));
        System.out.println(runner.banner(options));
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts DynamoDB Local, creates the table, makes the handlers and seeds the demo programme. */
    static LocalRunner start(Options options) {
        SamTemplate template = loadTemplate(options.template());
        DynamoDbLocal.Server dynamo = DynamoDbLocal.start(0, options.dataDir());
        TableFromTemplate.create(DynamoDbLocal.client(dynamo.endpoint()), template, TABLE_NAME);
        configureEnvironment(template, dynamo, options.today(), options.dataDir());
        LocalRunner runner = new LocalRunner(dynamo, template, new LocalFunctions(template));
        runner.seedDemoProgramme(options.today() != null ? options.today() : LocalDate.now(ZoneId.of("Asia/Jakarta")));
        return runner;
    }

    void listen(int port) throws IOException {
        listen(port, "petugas.demo", null);
    }

    /** Serves the API and the staff console, whose browser acts as the demo staff member {@code staffName}. */
    void listen(int port, String staffName, LocalDate today) throws IOException {
        api = new LocalApi(functions, port, ConsoleSite.present() ? new ConsoleSite(staffName, today) : null);
        api.start();
        // POST /imports answers with an upload URL on this runner.
        System.setProperty(LocalApi.IMPORT_UPLOAD_BASE, "http://127.0.0.1:" + api.port());
    }

    int port() {
        return api.port();
    }

    JsonNode invoke(String function, JsonNode event) {
        return functions.invoke(function, event);
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        dynamo.close();
    }

    private static SamTemplate loadTemplate(Path explicit) {
        Path file = explicit != null ? explicit : Path.of("template.yaml");
        if (Files.isRegularFile(file)) {
            return SamTemplate.read(file);
        }
        if (explicit != null) {
            throw new IllegalArgumentException("no template at " + explicit);
        }
        try (InputStream in = LocalRunner.class.getResourceAsStream("/bundled/template.yaml")) {
            if (in == null) {
                throw new IllegalStateException("no template.yaml here and none bundled; pass --template FILE");
            }
            return SamTemplate.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gives the handlers, which all live in this one JVM, what Lambda would give them as environment
     * variables: the template's own variables with references resolved, plus where DynamoDB Local is.
     */
    private static void configureEnvironment(SamTemplate template, DynamoDbLocal.Server dynamo, LocalDate today, Path dataDir) {
        Map<String, String> refs = new HashMap<>();
        template.root().path("Parameters").fields().forEachRemaining(p -> refs.put(p.getKey(), p.getValue().path("Default").asText()));
        refs.put(template.table().getKey(), TABLE_NAME);
        refs.put("AWS::Region", "ap-southeast-3");
        refs.put("AWS::StackName", "local");
        refs.put("AWS::AccountId", "000000000000");
        for (SamTemplate.Function f : template.functions()) {
            f.environment().forEach((name, value) -> {
                if (!name.startsWith("JAVA_")) {
                    System.setProperty(name, SamTemplate.resolve(value, refs));
                }
            });
        }
        System.setProperty("DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
        // The decree files of POST /imports: uploaded to the runner (PUT /imports/{id}/file), kept beside the data.
        System.setProperty(LocalApi.IMPORT_FOLDER, importFolder(dataDir).toString());
        if (today != null) {
            System.setProperty("PROGRAMME_TODAY", today.toString());
        } else {
            System.clearProperty("PROGRAMME_TODAY");
        }
    }

    private static Path importFolder(Path dataDir) {
        try {
            return dataDir != null ? Files.createDirectories(dataDir.resolve("imports")) : Files.createTempDirectory("rentan-imports");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seeds Kota Tangerang 2025 through the real PUT /programme route, unless a kept data dir has a programme. */
    private void seedDemoProgramme(LocalDate today) {
        Optional<SamTemplate.Function> owner = template.functions().stream()
                .filter(f -> f.routes().stream().anyMatch(r -> r.routeKey().equals("PUT /programme")))
                .findFirst();
        if (owner.isEmpty()) {
            return;
        }
        String function = owner.get().logicalId();
        JsonNode existing = invoke(function, staffEvent("GET", "/programme", null));
        if (existing.path("statusCode").asInt() == 200) {
            return;
        }
        String body;
        try (InputStream in = LocalRunner.class.getResourceAsStream("/demo-programme.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        body = withBudgetFor(body, today.getYear());
        JsonNode saved = invoke(function, staffEvent("PUT", "/programme", body));
        if (saved.path("statusCode").asInt() != 200) {
            throw new IllegalStateException("seeding the demo programme failed: " + saved);
        }
    }

    /**
     * The demo is Kota Tangerang 2025; run on a later date, the programme clock's own year gets the same
     * allocation, so that the walk-throughs can be clicked through on today's date as well (R-22: a year
     * without an allocation can charge nothing).
     */
    static String withBudgetFor(String programmeJson, int year) {
        try {
            ObjectNode programme = (ObjectNode) LocalFunctions.MAPPER.readTree(programmeJson);
            ArrayNode budgets = (ArrayNode) programme.path("budgets");
            for (JsonNode b : budgets) {
                if (b.path("year").asInt() == year) {
                    return programmeJson;
                }
            }
            budgets.addObject().put("year", year).put("allocation", budgets.get(0).path("allocation").asLong());
            return programme.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode staffEvent(String method, String path, String body) {
        ObjectNode event = LocalFunctions.MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", method + " " + path);
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        event.putObject("headers").put("content-type", "application/json");
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", "seed-" + UUID.randomUUID());
        context.put("routeKey", method + " " + path);
        context.putObject("http").put("method", method).put("path", path);
        ObjectNode claims = context.putObject("authorizer").putObject("jwt").putObject("claims");
        // The claims of a staff ID token, as API Gateway passes them (README, "Staff sign-in").
        claims.put("sub", "local-runner");
        claims.put("cognito:username", "local-runner");
        claims.put("cognito:groups", "[dinsos-staff]");
        claims.put("name", "local-runner");
        claims.put("token_use", "id");
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    private String banner(Options options) {
        StringBuilder b = new StringBuilder();
        b.append("Local runner: NOT for production.\n");
        b.append("  DynamoDB Local ").append(dynamo.endpoint()).append(", table ").append(TABLE_NAME)
                .append(options.dataDir() == null ? " (in memory: data is lost on exit; --data-dir DIR keeps it)"
                        : " (kept in " + options.dataDir().toAbsolutePath() + ")").append('\n');
        b.append("  Programme clock (Asia/Jakarta): ").append(options.today() == null ? "system date" : "today is fixed at " + options.today()).append('\n');
        b.append("  WARNING: bearer tokens are decoded WITHOUT checking their signature (in AWS the API Gateway JWT authorizer checks them).\n");
        b.append("  Routes from template.yaml:\n");
        api.routeKeys().forEach(r -> b.append("    ").append(r).append('\n'));
        b.append("  Demo tokens (also: java -jar local/target/local-runner.jar token staff|portal):\n");
        b.append("    STAFF=").append(DemoTokens.staff(DemoTokens.DEMO_STAFF_NAME)).append('\n');
        b.append("    PORTAL=").append(DemoTokens.portal()).append('\n');
        if (ConsoleSite.present()) {
            b.append("  Staff console: http://127.0.0.1:").append(api.port()).append("/ (signed in as the demo staff member ")
                    .append(options.name()).append(", no password: local only)\n");
        }
        b.append("Listening on http://127.0.0.1:").append(api.port());
        return b.toString();
    }
}
