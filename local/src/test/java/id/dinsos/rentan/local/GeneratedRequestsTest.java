package id.dinsos.rentan.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * request leaves behind are bookkeeping of the request itself and are not compared). jqwik prints
 * the seed of a failing try; {@code @Property(seed = "...")} reproduces it.
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

    @BeforeContainer
    static void start() throws IOException {
        dynamo = DynamoDbLocal.embedded();
        table = "generated-" + System.nanoTime();
        TableFromTemplate.create(dynamo, ProjectFiles.readTemplate(), table);
        registration = new RegistrationHandler(dynamo, table, PROGRAMME, AUGUST_20);
        monthly = new MonthlySubsidyHandler(dynamo, table, PROGRAMME, AUGUST_20);
        claims = new ClaimCheckHandler(dynamo, table, PROGRAMME, AUGUST_20);
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
        // A programme with people in it, so ids, runs and checks have something to find.
        send(new Sample("seed", "registration", sample("registration/put-programme.json")));
        send(new Sample("seed", "registration", sample("registration/import-registrations.json")));
        send(new Sample("seed", "monthly-subsidy", sample("monthly-subsidy/post-run.json")));
    }

    @AfterContainer
    static void stop() {
        System.out.println("GeneratedRequestsTest: " + tried + " generated requests, every answer below 500, every refusal without a change");
        dynamo.close();
    }

    private static JsonNode sample(String name) {
        return SampleEvents.readTree(ProjectFiles.root().resolve("events").resolve(name));
    }

    @Property(tries = 300)
    void noRequest_everAnswers5xx_andARefusedOneChangesNothing(@ForAll("requests") Sample request) {
        tried++;
        Map<String, String> before = tableState();
        JsonNode response;
        try (CapturedLog problems = CapturedLog.of(Problems.class)) {
            response = send(request);
            assertThat(problems.records()).as("a logged fault for " + describe(request)).isEmpty();
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

    @Provide
    Arbitrary<Sample> requests() {
        Arbitrary<Sample> sample = Arbitraries.of(samples);
        return Combinators.combine(sample, bodies(), identities(), pathValues(), headerMutations(), queries())
                .as((s, body, identity, path, headers, query) -> mutate(s, body, identity, path, headers, query));
    }

    private static Sample mutate(Sample s, Mutation body, Identity identity, String pathValue, Tuple.Tuple2<String, String> header,
                                 Map<String, String> query) {
        ObjectNode event = s.event().deepCopy();
        body.apply(event);
        identity.apply(event);
        if (pathValue != null && event.path("pathParameters").isObject() && event.path("pathParameters").size() > 0) {
            ObjectNode params = (ObjectNode) event.path("pathParameters");
            Iterator<String> names = params.fieldNames();
            String name = names.next();
            params.put(name, pathValue);
        }
        if (header != null) {
            ObjectNode headers = event.with("headers");
            if (header.get2() == null) {
                headers.remove(header.get1());
            } else {
                headers.put(header.get1(), header.get2());
            }
        }
        if (query != null) {
            ObjectNode params = JSON.objectNode();
            query.forEach(params::put);
            event.set("queryStringParameters", params);
        }
        return new Sample(s.name(), s.function(), event);
    }

    /** A change to the request's body. */
    @FunctionalInterface
    interface Mutation {
        void apply(ObjectNode event);
    }

    /** Who sends the request: staff, the portal, nobody, or someone with forged claims. */
    @FunctionalInterface
    interface Identity {
        void apply(ObjectNode event);
    }

    private static Arbitrary<Mutation> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.just(e -> { }),
                hostileText().map(text -> e -> e.put("body", text)),
                jsonValues(3).map(value -> e -> e.put("body", value.toString())),
                Combinators.combine(fieldNames(), jsonValues(2)).as((field, value) -> (Mutation) e -> replaceField(e, field, value)),
                fieldNames().map(field -> e -> removeField(e, field)),
                Arbitraries.integers().between(1, 3_000).map(depth -> e -> e.put("body", "[".repeat(depth) + "]".repeat(depth))),
                Arbitraries.integers().between(1, 3_000).map(depth -> e -> e.put("body", "{\"a\":".repeat(depth) + "1" + "}".repeat(depth))),
                Arbitraries.integers().between(20, 2_000).map(digits -> e -> e.put("body", "{\"quota\":" + "9".repeat(digits) + "}")),
                Arbitraries.just(e -> e.put("body", bodyOf(e) + " trailing")),
                Arbitraries.just(e -> e.put("body", "{\"month\":\"2025-04\",\"month\":\"2025-05\"}")),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(bytes -> e -> {
                    e.put("body", Base64.getEncoder().encodeToString(bytes));
                    e.put("isBase64Encoded", true);
                }),
                hostileText().map(text -> e -> {
                    e.put("body", text);
                    e.put("isBase64Encoded", true);
                }),
                Arbitraries.integers().between(100_000, 1_100_000).map(n -> e -> e.put("body", "{\"reason\":\"" + "x".repeat(n) + "\"}")));
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
    private static Arbitrary<String> fieldNames() {
        return Arbitraries.of("nik", "fullName", "birthDate", "sex", "phone", "address", "occupation", "dtsen", "disability",
                "quota", "kecamatan", "eligibleOccupations", "dtsenMaxDecile", "minAge", "maxAge", "declaredIncome", "rates",
                "budgets", "holidays", "wadahCode", "coverageStartDelayMonths", "reason", "effectiveDate", "month", "dryRun",
                "segments", "paidOn", "reference", "registrationId", "type", "eventDate", "cause", "outcome", "incapacityDays",
                "reportedOn", "transport", "status", "id", "name", "x", "");
    }

    private static Arbitrary<JsonNode> jsonValues(int depth) {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.just(JSON.nullNode()),
                Arbitraries.of(true, false).map(JSON::booleanNode),
                Arbitraries.longs().map(JSON::numberNode),
                Arbitraries.of(-1L, 0L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000L, 16_800L).map(JSON::numberNode),
                Arbitraries.doubles().map(JSON::numberNode),
                hostileText().map(JSON::textNode),
                Arbitraries.of("2025-04", "2025-13", "+999999999-12", "-0001-01", "0000-00", "2025-02-30", "2025-04-31", "9999-12-31",
                        "+10000-01", "2025-4", "25-04", "2025-04-01T00:00:00Z", "FISHER", "DIED", "JKK", "JKM", "DEATH", "LAND",
                        "3671014507850001", "367101450785000", "36710145078500011", "0000000000000000", "Karawaci").map(JSON::textNode));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<JsonNode> arrays = jsonValues(depth - 1).list().ofMaxSize(4).map(list -> {
            ArrayNode array = JSON.arrayNode();
            list.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(fieldNames(), jsonValues(depth - 1)).as(Tuple::of).list().ofMaxSize(4).map(list -> {
            ObjectNode object = JSON.objectNode();
            list.forEach(t -> object.set(t.get1(), t.get2()));
            return object;
        });
        return Arbitraries.frequencyOf(Tuple.of(4, scalars), Tuple.of(1, arrays), Tuple.of(1, objects));
    }

    /** Text of every length and kind: empty, long, controls, NUL, lone surrogates, right-to-left, formulas. */
    private static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().all().ofMinLength(200).ofMaxLength(3_000),
                Arbitraries.of("", " ", "\u0000", "a\u0000b", "\ud800", "x\udc00y", "\u202e", "=HYPERLINK(\"x\")", "-2+3", "@SUM(1)",
                        "{", "}", "[", "null", "true", "\"", "\\", "{\"a\":1} trailing", "nik,kpj\n3671014507850001,25012345678",
                        "nik,fullName\n,", "%00", "../../etc/passwd", "😀".repeat(50)),
                Arbitraries.integers().between(2_000, 200_000).map("a"::repeat));
    }

    private static Arbitrary<Identity> identities() {
        return Arbitraries.oneOf(
                Arbitraries.just(e -> { }),
                Arbitraries.just(e -> ((ObjectNode) e.with("requestContext")).remove("authorizer")),
                Arbitraries.of(GROUP_CLAIMS).map(groups -> e -> claims(e).put("cognito:groups", groups)),
                Arbitraries.of("portal/citizen", "portal/citizens", "x portal/citizen", "", "[portal/citizen]")
                        .map(scope -> e -> {
                            ObjectNode claims = claims(e);
                            claims.remove("cognito:groups");
                            claims.put("scope", scope);
                        }),
                hostileText().map(sub -> e -> claims(e).put("sub", sub)));
    }

    private static ObjectNode claims(ObjectNode event) {
        return event.with("requestContext").with("authorizer").with("jwt").with("claims");
    }

    private static Arbitrary<String> pathValues() {
        return Arbitraries.oneOf(
                Arbitraries.just((String) null),
                Arbitraries.strings().all().ofMaxLength(50),
                Arbitraries.integers().between(1, 3_000).map("a"::repeat),
                Arbitraries.of("", "2025-04", "2025-13", "+999999999-12", "0001-01", "9999-12", "00000000-0000-0000-0000-000000000000",
                        "../x", "%2F", "\u0000", "\ud800"));
    }

    private static Arbitrary<Tuple.Tuple2<String, String>> headerMutations() {
        return Arbitraries.oneOf(
                Arbitraries.just((Tuple.Tuple2<String, String>) null),
                Arbitraries.of("text/plain", "text/csv", "application/json; charset=latin1", "multipart/form-data", "", "application/xml",
                        "application/json").map(type -> Tuple.of("content-type", type)),
                Arbitraries.just(Tuple.of("content-type", (String) null)),
                hostileText().map(key -> Tuple.of("idempotency-key", key)),
                Arbitraries.just(Tuple.of("idempotency-key", (String) null)));
    }

    private static Arbitrary<Map<String, String>> queries() {
        return Arbitraries.oneOf(
                Arbitraries.just((Map<String, String>) null),
                Arbitraries.maps(Arbitraries.of("nik", "status", "kecamatan", "limit", "cursor", "x"), hostileText()).ofMaxSize(3),
                Arbitraries.integers().between(1, 2_000).map(n -> Map.of("kecamatan", "K".repeat(n))),
                Arbitraries.of("-1", "0", "501", "99999999999999999999", "1e3", "abc").map(limit -> Map.of("limit", limit)));
    }
}
