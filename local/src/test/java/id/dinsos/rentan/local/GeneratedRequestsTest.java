package id.dinsos.rentan.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.claims.ClaimCheckHandler;
import id.dinsos.rentan.devkit.CapturedLog;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.devkit.TableFromTemplate;
import id.dinsos.rentan.http.Problems;
import id.dinsos.rentan.registration.RegistrationHandler;
import id.dinsos.rentan.subsidy.MonthlySubsidyHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8's guard: generated hostile requests against every HTTP route of every function, as staff,
 * as the portal, anonymously and with forged group claims. Each starts from a route's sample event
 * in {@code events/} and breaks it: wrong types, missing and extra fields, huge and empty strings,
 * control characters and lone surrogates, invalid UTF-8 and base64, deep nesting, numbers out of
 * range, impossible dates and months, ids of every length, other content types.
 *
 * <p>Every answer must be a success or a 4xx problem the contract allows, never a 5xx, and a refused
 * request must leave the table exactly as it was (a scan before and after; the idempotency records a
 * request leaves behind are bookkeeping of the request itself and are not compared).
 *
 * <p>Each case is drawn from its own {@code Random(seed + case)}: a failure names the seed and the
 * case, and {@code -Dgenerated.seed=S -Dgenerated.case=C} runs that request again (after the cases
 * before it on the same fresh table, so it meets the same data)
 * ({@code -Dgenerated.cases=N} changes how many are tried; the default is 10,000 a run).
 */
class GeneratedRequestsTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String PROGRAMME = "kota-tangerang";
    private static final Clock AUGUST_20 = Clock.fixed(Instant.parse("2025-08-20T03:00:00Z"), ZoneId.of("Asia/Jakarta"));
    private static final String[] GROUP_CLAIMS = {"[dinsos-staff]", "x,dinsos-staff", "\"dinsos-staff\"", "[x dinsos-staffs]",
            "[\"dinsos-staff\"]", "", "[]", "dinsos-staff", "[DINSOS-STAFF]"};

    private static DynamoDbClient dynamo;
    private static String table;
    private static RegistrationHandler registration;
    private static MonthlySubsidyHandler monthly;
    private static ClaimCheckHandler claims;
    private static List<Sample> samples;
    private static long tried;

    /** A route's sample event and the function that serves it. */
    private record Sample(String name, String function, JsonNode event) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() throws IOException {
        dynamo = DynamoDbLocal.embedded();
        samples = new ArrayList<>();
        for (String function : List.of("registration", "monthly-subsidy", "claim-check")) {
            try (Stream<Path> files = Files.list(ProjectFiles.root().resolve("events").resolve(function))) {
                files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(f -> {
                    JsonNode event = SampleEvents.readTree(f);
                    if (event.has("routeKey")) {
                        samples.add(new Sample(function + "/" + f.getFileName(), function, event));
                    }
                });
            }
        }
        freshTable();
    }

    /**
     * A new table with a programme and people in it, so ids, runs and checks have something to find.
     * The cases start on a fresh one every {@link #CASES_PER_TABLE}: what successful requests add
     * would otherwise make every before-and-after scan slower than the request it checks.
     */
    private static void freshTable() {
        if (table != null) {
            dynamo.deleteTable(r -> r.tableName(table));
        }
        table = "generated-" + System.nanoTime();
        TableFromTemplate.create(dynamo, ProjectFiles.readTemplate(), table);
        registration = new RegistrationHandler(dynamo, table, PROGRAMME, AUGUST_20);
        monthly = new MonthlySubsidyHandler(dynamo, table, PROGRAMME, AUGUST_20);
        claims = new ClaimCheckHandler(dynamo, table, PROGRAMME, AUGUST_20);
        send(new Sample("seed", "registration", sample("registration/put-programme.json")));
        send(new Sample("seed", "registration", sample("registration/import-registrations.json")));
        send(new Sample("seed", "monthly-subsidy", sample("monthly-subsidy/post-run.json")));
    }

    private static final int CASES_PER_TABLE = 250;

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    private static JsonNode sample(String name) {
        return SampleEvents.readTree(ProjectFiles.root().resolve("events").resolve(name));
    }

    @Test
    void noGeneratedRequest_everAnswers5xx_andARefusedOneChangesNothing() {
        long seed = Long.getLong("generated.seed", new Random().nextLong());
        int cases = Integer.getInteger("generated.cases", 10_000);
        Integer only = Integer.getInteger("generated.case");
        // One case alone is replayed from the start of its table, so it meets the same data it met in the full run.
        int first = only == null ? 0 : only - only % CASES_PER_TABLE;
        int last = only == null ? cases - 1 : only;
        for (int c = first; c <= last; c++) {
            if (c > first && c % CASES_PER_TABLE == 0) {
                freshTable();
            }
            Sample request = generate(new Random(seed + c));
            tried++;
            try {
                check(request);
            } catch (AssertionError failure) {
                throw new AssertionError("generated case " + c + " of seed " + seed + " (run it alone with -Dgenerated.seed=" + seed
                        + " -Dgenerated.case=" + c + "): " + failure.getMessage(), failure);
            }
        }
        System.out.println("GeneratedRequestsTest: " + tried + " generated requests (seed " + seed
                + "), every answer below 500, every refusal without a change");
    }

    private static void check(Sample request) {
        Map<String, String> before = tableState();
        JsonNode response;
        try (CapturedLog problems = CapturedLog.of(Problems.class)) {
            response = send(request);
            assertThat(problems.records()).as("a logged fault for " + describe(request))
                    .extracting(r -> CapturedLog.message(r) + " " + r.getThrown()).isEmpty();
        }
        int status = response.path("statusCode").asInt();
        assertThat(status).as(describe(request) + " -> " + response).isBetween(200, 499);
        if (status >= 400) {
            JsonNode body = readBody(response);
            assertThat(body.path("code").asText()).as("problem code of " + describe(request) + " -> " + response).isNotBlank();
            assertThat(tableState()).as("a refused request changed the table: " + describe(request)).isEqualTo(before);
        }
    }

    private static String describe(Sample request) {
        String text = request.event().toString();
        return request.name() + " " + (text.length() > 600 ? text.substring(0, 600) + "...(" + text.length() + " chars)" : text);
    }

    private static JsonNode readBody(JsonNode response) {
        try {
            return SampleEvents.MAPPER.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new AssertionError("a 4xx answer without a JSON problem body: " + response, e);
        }
    }

    /** Every item but the idempotency records, as text, in key order. */
    private static Map<String, String> tableState() {
        Map<String, String> items = new TreeMap<>();
        dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(item -> {
            String pk = item.get("PK").s();
            if (!pk.startsWith("IDEM#")) {
                items.put(pk + " " + item.get("SK").s(), new TreeMap<String, AttributeValue>(item).toString());
            }
        });
        return items;
    }

    private static JsonNode send(Sample request) {
        try {
            return switch (request.function()) {
                case "registration" -> SampleEvents.MAPPER.valueToTree(registration.handleRequest(
                        SampleEvents.httpEvent(request.event()), null));
                case "claim-check" -> SampleEvents.MAPPER.valueToTree(claims.handleRequest(SampleEvents.httpEvent(request.event()), null));
                default -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    monthly.handleRequest(new ByteArrayInputStream(SampleEvents.MAPPER.writeValueAsBytes(request.event())), out, null);
                    yield SampleEvents.MAPPER.readTree(out.toByteArray());
                }
            };
        } catch (IOException | RuntimeException | Error e) {
            // A handler must answer every request itself; one that throws would be a 502 from API Gateway.
            ObjectNode failed = JSON.objectNode();
            failed.put("statusCode", 599);
            failed.put("body", "the handler threw " + e);
            return failed;
        }
    }

    // ------------------------------------------------------------------ generators

    /** A sample event, broken in up to five ways at once: body, identity, path, a header and the query. */
    private static Sample generate(Random random) {
        Sample s = samples.get(random.nextInt(samples.size()));
        ObjectNode event = s.event().deepCopy();
        if (random.nextInt(4) > 0) {
            body(random).accept(event);
        }
        if (random.nextInt(3) == 0) {
            identity(random).accept(event);
        }
        if (random.nextInt(3) == 0 && event.path("pathParameters").isObject() && event.path("pathParameters").size() > 0) {
            ObjectNode params = (ObjectNode) event.path("pathParameters");
            params.put(params.fieldNames().next(), pathValue(random));
        }
        if (random.nextInt(3) == 0) {
            header(random, event.with("headers"));
        }
        if (random.nextInt(4) == 0) {
            ObjectNode params = JSON.objectNode();
            query(random).forEach(params::put);
            event.set("queryStringParameters", params);
        }
        return new Sample(s.name(), s.function(), event);
    }

    private static <T> T pick(Random random, List<Supplier<T>> choices) {
        return choices.get(random.nextInt(choices.size())).get();
    }

    @SafeVarargs
    private static <T> T oneOf(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    private static java.util.function.Consumer<ObjectNode> body(Random random) {
        return pick(random, List.<Supplier<java.util.function.Consumer<ObjectNode>>>of(
                () -> {
                    String text = hostileText(random);
                    return e -> e.put("body", text);
                },
                () -> {
                    JsonNode value = jsonValue(random, 3);
                    return e -> e.put("body", value.toString());
                },
                () -> {
                    String field = fieldName(random);
                    JsonNode value = jsonValue(random, 2);
                    return e -> replaceField(e, field, value);
                },
                () -> {
                    String field = fieldName(random);
                    return e -> removeField(e, field);
                },
                () -> {
                    int depth = 1 + random.nextInt(3_000);
                    return e -> e.put("body", "[".repeat(depth) + "]".repeat(depth));
                },
                () -> {
                    int depth = 1 + random.nextInt(3_000);
                    return e -> e.put("body", "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
                },
                () -> {
                    int digits = 20 + random.nextInt(2_000);
                    return e -> e.put("body", "{\"quota\":" + "9".repeat(digits) + "}");
                },
                () -> e -> e.put("body", bodyOf(e) + " trailing"),
                () -> e -> e.put("body", "{\"month\":\"2025-04\",\"month\":\"2025-05\"}"),
                () -> {
                    byte[] bytes = new byte[random.nextInt(200)];
                    random.nextBytes(bytes);
                    return e -> {
                        e.put("body", Base64.getEncoder().encodeToString(bytes));
                        e.put("isBase64Encoded", true);
                    };
                },
                () -> {
                    String text = hostileText(random);
                    return e -> {
                        e.put("body", text);
                        e.put("isBase64Encoded", true);
                    };
                },
                () -> {
                    int n = 100_000 + random.nextInt(1_000_000);
                    return e -> e.put("body", "{\"reason\":\"" + "x".repeat(n) + "\"}");
                }));
    }

    private static String bodyOf(ObjectNode event) {
        return event.path("body").isTextual() ? event.path("body").asText() : "";
    }

    private static void replaceField(ObjectNode event, String field, JsonNode value) {
        try {
            JsonNode body = SampleEvents.MAPPER.readTree(bodyOf(event));
            if (body instanceof ObjectNode object) {
                object.set(field, value);
                event.put("body", object.toString());
            }
        } catch (IOException notJson) {
            // a CSV or empty body: leave it as it is
        }
    }

    private static void removeField(ObjectNode event, String field) {
        try {
            JsonNode body = SampleEvents.MAPPER.readTree(bodyOf(event));
            if (body instanceof ObjectNode object) {
                object.remove(field);
                event.put("body", object.toString());
            }
        } catch (IOException notJson) {
            // nothing to remove
        }
    }

    /** The fields the routes read, and a few they do not. */
    private static String fieldName(Random random) {
        return oneOf(random, "nik", "fullName", "birthDate", "sex", "phone", "address", "occupation", "dtsen", "disability",
                "quota", "kecamatan", "eligibleOccupations", "dtsenMaxDecile", "minAge", "maxAge", "declaredIncome", "rates",
                "budgets", "holidays", "wadahCode", "coverageStartDelayMonths", "reason", "effectiveDate", "month", "dryRun",
                "segments", "paidOn", "reference", "registrationId", "type", "eventDate", "cause", "outcome", "incapacityDays",
                "reportedOn", "transport", "status", "id", "name", "x", "");
    }

    private static JsonNode jsonValue(Random random, int depth) {
        int kind = random.nextInt(depth == 0 ? 7 : 9);
        return switch (kind) {
            case 0 -> JSON.nullNode();
            case 1 -> JSON.booleanNode(random.nextBoolean());
            case 2 -> JSON.numberNode(random.nextLong());
            case 3 -> JSON.numberNode(oneOf(random, -1L, 0L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000L, 16_800L));
            case 4 -> JSON.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 5 -> JSON.textNode(hostileText(random));
            case 6 -> JSON.textNode(oneOf(random, "2025-04", "2025-13", "+999999999-12", "-0001-01", "0000-00", "2025-02-30",
                    "2025-04-31", "9999-12-31", "+10000-01", "2025-4", "25-04", "2025-04-01T00:00:00Z", "FISHER", "DIED", "JKK", "JKM",
                    "DEATH", "LAND", "3671014507850001", "367101450785000", "36710145078500011", "0000000000000000", "Karawaci"));
            case 7 -> {
                ArrayNode array = JSON.arrayNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.add(jsonValue(random, depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = JSON.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.set(fieldName(random), jsonValue(random, depth - 1));
                }
                yield object;
            }
        };
    }

    /** Text of every length and kind: empty, long, controls, NUL, lone surrogates, right-to-left, formulas. */
    private static String hostileText(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> anyChars(random, random.nextInt(41));
            case 1 -> anyChars(random, 200 + random.nextInt(2_800));
            case 2 -> oneOf(random, "", " ", "\u0000", "a\u0000b", "\ud800", "x\udc00y", "\u202e", "=HYPERLINK(\"x\")", "-2+3",
                    "@SUM(1)", "{", "}", "[", "null", "true", "\"", "\\", "{\"a\":1} trailing", "nik,kpj\n3671014507850001,25012345678",
                    "nik,fullName\n,", "%00", "../../etc/passwd", "😀".repeat(50));
            default -> "a".repeat(2_000 + random.nextInt(198_000));
        };
    }

    /** Any UTF-16 code units, lone surrogates and controls included. */
    private static String anyChars(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x20) : (char) random.nextInt(0x10000));
        }
        return text.toString();
    }

    /** Who sends the request: staff, the portal, nobody, or someone with forged claims. */
    private static java.util.function.Consumer<ObjectNode> identity(Random random) {
        return pick(random, List.<Supplier<java.util.function.Consumer<ObjectNode>>>of(
                () -> e -> ((ObjectNode) e.with("requestContext")).remove("authorizer"),
                () -> {
                    String groups = oneOf(random, GROUP_CLAIMS);
                    return e -> claims(e).put("cognito:groups", groups);
                },
                () -> {
                    String scope = oneOf(random, "portal/citizen", "portal/citizens", "x portal/citizen", "", "[portal/citizen]");
                    return e -> {
                        ObjectNode claims = claims(e);
                        claims.remove("cognito:groups");
                        claims.put("scope", scope);
                    };
                },
                () -> {
                    String sub = hostileText(random);
                    return e -> claims(e).put("sub", sub);
                }));
    }

    private static ObjectNode claims(ObjectNode event) {
        return event.with("requestContext").with("authorizer").with("jwt").with("claims");
    }

    private static String pathValue(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> anyChars(random, random.nextInt(51));
            case 1 -> "a".repeat(1 + random.nextInt(3_000));
            default -> oneOf(random, "", "2025-04", "2025-13", "+999999999-12", "0001-01", "9999-12",
                    "00000000-0000-0000-0000-000000000000", "../x", "%2F", "\u0000", "\ud800");
        };
    }

    private static void header(Random random, ObjectNode headers) {
        switch (random.nextInt(4)) {
            case 0 -> headers.put("content-type", oneOf(random, "text/plain", "text/csv", "application/json; charset=latin1",
                    "multipart/form-data", "", "application/xml", "application/json"));
            case 1 -> headers.remove("content-type");
            case 2 -> headers.put("idempotency-key", hostileText(random));
            default -> headers.remove("idempotency-key");
        }
    }

    private static Map<String, String> query(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> {
                Map<String, String> query = new TreeMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    query.put(oneOf(random, "nik", "name", "status", "kecamatan", "limit", "cursor", "year", "x"), hostileText(random));
                }
                yield query;
            }
            case 1 -> Map.of("kecamatan", "K".repeat(1 + random.nextInt(2_000)));
            case 2 -> Map.of("limit", oneOf(random, "-1", "0", "501", "99999999999999999999", "1e3", "abc"));
            default -> Map.of(oneOf(random, "year", "name"), oneOf(random, "2025", "1999", "2101", "0000", "+2025", "20250", "a", "ab",
                    "Siti", "x".repeat(101), "\u00e9\u0301", "%", "''"));
        };
    }
}
