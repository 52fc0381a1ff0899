package id.dinsos.rentan.registration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.config.AwsClients;
import id.dinsos.rentan.devkit.DynamoDbLocal;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.devkit.TableFromTemplate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11's warm path: the registration function's own time per request once warm, without
 * DynamoDB's, and the DynamoDB calls each request makes. Not part of the test command; run with
 * {@code mvn -B -ntp -P benchmark -pl functions/registration -am verify -Dtest=WarmPathBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dbenchmark.requests=N} measured requests per
 * route, default 2,000, after as many to warm up).
 *
 * <p>The handler is called as the Lambda runtime calls it, through its stream entry point with the
 * bytes of a sample event from {@code events/registration/}, and answers against DynamoDB Local as a
 * server on 127.0.0.1, through the SDK client and the url-connection HTTP client the function uses.
 * "DynamoDB's time" is what the SDK spends on the wire: from handing a signed request to the HTTP
 * client to having the response back ({@code beforeTransmission} to {@code afterTransmission}), so
 * building, signing and reading the SDK's requests and responses count as the function's own time.
 * The routes are interleaved, one request of each in turn, so a busy machine slows all alike. It
 * asserts only what was answered, never time.
 */
class WarmPathBenchmark {
    private static final Path EVENTS = ProjectFiles.root().resolve("events/registration");
    private static final Clock MARCH_10 = Clock.fixed(Instant.parse("2025-03-10T02:00:00Z"), ZoneId.of("Asia/Jakarta"));
    /** At most 4,900: the applications' NIKs are numbered 1..2 x REQUESTS in four digits. */
    private static final int REQUESTS = Math.min(4_900, Integer.getInteger("benchmark.requests", 2_000));

    /** Wire time and calls of the SDK on the benchmark's one thread. */
    private static final class WireClock implements ExecutionInterceptor {
        private long sentAt;
        long wireNanos;
        int calls;

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            sentAt = System.nanoTime();
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            wireNanos += System.nanoTime() - sentAt;
            calls++;
        }

        void reset() {
            wireNanos = 0;
            calls = 0;
        }
    }

    /** One route: how to make its n-th request, and what it must answer. */
    private record Route(String name, IntFunction<byte[]> request, int status) {
    }

    @Test
    void warmPath_ownTimeAndDynamoDbCalls_perRoute() throws IOException {
        try (DynamoDbLocal.Server server = DynamoDbLocal.start(0, null)) {
            WireClock wire = new WireClock();
            DynamoDbClient dynamo = AwsClients.configure(DynamoDbClient.builder())
                    .endpointOverride(server.endpoint())
                    .region(software.amazon.awssdk.regions.Region.AP_SOUTHEAST_3)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                    .overrideConfiguration(o -> o.addExecutionInterceptor(wire))
                    .build();
            String table = "warm-path";
            TableFromTemplate.create(dynamo, ProjectFiles.readTemplate(), table);
            RegistrationHandler handler = new RegistrationHandler(dynamo, table, "kota-tangerang", MARCH_10);
            assertThat(status(callBytes(handler, file("put-programme.json")))).isEqualTo(200);
            byte[] registered = callBytes(handler, application(9_999));
            assertThat(status(registered)).isEqualTo(201);
            String id = SampleEvents.MAPPER.readTree(SampleEvents.MAPPER.readTree(registered).path("body").asText()).path("id").asText();

            byte[] staffProgramme = file("get-programme-staff.json");
            byte[] portalProgramme = file("get-programme-portal.json");
            byte[] staffRegistration = withId(file("get-registration-staff.json"), id);
            List<Route> routes = List.of(
                    new Route("GET /programme (staff)", n -> staffProgramme, 200),
                    new Route("GET /programme (portal)", n -> portalProgramme, 200),
                    new Route("GET /registrations/{id} (staff)", n -> staffRegistration, 200),
                    new Route("POST /registrations (staff)", WarmPathBenchmark::application, 201));

            Map<String, long[]> own = new LinkedHashMap<>();
            Map<String, long[]> total = new LinkedHashMap<>();
            Map<String, Integer> calls = new LinkedHashMap<>();
            routes.forEach(r -> {
                own.put(r.name(), new long[REQUESTS]);
                total.put(r.name(), new long[REQUESTS]);
                calls.put(r.name(), 0);
            });
            for (int round = -REQUESTS; round < REQUESTS; round++) {
                for (Route route : routes) {
                    int n = round + REQUESTS + 1; // 1.. for the NIK serials of the applications
                    byte[] event = route.request().apply(n);
                    wire.reset();
                    long started = System.nanoTime();
                    byte[] answer = callBytes(handler, event);
                    long took = System.nanoTime() - started;
                    if (round < 0) {
                        continue; // warming up
                    }
                    assertThat(status(answer)).as(route.name()).isEqualTo(route.status());
                    own.get(route.name())[round] = took - wire.wireNanos;
                    total.get(route.name())[round] = took;
                    calls.merge(route.name(), wire.calls, Integer::sum);
                }
            }
            List<String> report = new ArrayList<>();
            report.add(String.format("%-34s %9s %9s %9s %9s %11s", "route (" + REQUESTS + " requests each)", "own p50", "own p90",
                    "own p99", "total p50", "calls/req"));
            for (Route route : routes) {
                long[] o = own.get(route.name());
                long[] t = total.get(route.name());
                Arrays.sort(o);
                Arrays.sort(t);
                report.add(String.format("%-34s %7.3fms %7.3fms %7.3fms %7.3fms %11.2f", route.name(), ms(pct(o, 50)), ms(pct(o, 90)),
                        ms(pct(o, 99)), ms(pct(t, 50)), (double) calls.get(route.name()) / REQUESTS));
            }
            System.out.println("\nWarm path of the registration function (own time = handler time minus DynamoDB Local's wire time)\n"
                    + String.join("\n", report) + "\n");
            dynamo.close();
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long pct(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
    }

    private static int status(byte[] answer) throws IOException {
        return SampleEvents.MAPPER.readTree(answer).path("statusCode").asInt();
    }

    private static byte[] callBytes(RegistrationHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return out.toByteArray();
    }

    private static byte[] file(String name) {
        try {
            return java.nio.file.Files.readAllBytes(EVENTS.resolve(name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] withId(byte[] event, String id) {
        return new String(event, StandardCharsets.UTF_8).replace("00000000-0000-4000-8000-000000000001", id)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The staff sample application with applicant {@code n}'s NIK and a fresh idempotency key. */
    private static byte[] application(int n) {
        ObjectNode event = (ObjectNode) SampleEvents.readTree(EVENTS.resolve("post-registration-staff.json"));
        ObjectNode body;
        try {
            body = (ObjectNode) SampleEvents.MAPPER.readTree(event.path("body").asText());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // NIK: region 367102, born 12 March 1979 (DDMMYY), then a serial of four digits.
        body.put("nik", String.format("367102120379%04d", n));
        event.put("body", body.toString());
        ((ObjectNode) event.path("headers")).put("idempotency-key", UUID.randomUUID().toString());
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }
}
