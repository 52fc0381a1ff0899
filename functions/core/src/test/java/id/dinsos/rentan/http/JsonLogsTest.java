package id.dinsos.rentan.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** In Lambda, every log record is one JSON line with the request at hand, and no NIK. */
class JsonLogsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void putTheJdkLoggingBack() {
        JsonLogs.uninstall();
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\\R")) {
            if (!line.isBlank()) {
                lines.add(Json.MAPPER.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void aFault_isOneJsonEvent_withTheRequestFunctionProgrammeAndTheStackTraceInOneField_andNoNik() throws Exception {
        JsonLogs.install(out, "registration-fn", "kota-tangerang");
        JsonLogs.beginRequest("req-1", "POST /registrations");
        System.getLogger("id.dinsos.rentan.test").log(System.Logger.Level.ERROR, "failed for NIK 3671014507850001",
                new IllegalStateException("boom with 3671014507850001"));
        JsonLogs.endRequest(500, 42);

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode fault = lines.get(0);
        assertThat(fault.path("level").asText()).isEqualTo("SEVERE");
        assertThat(fault.path("function").asText()).isEqualTo("registration-fn");
        assertThat(fault.path("programme").asText()).isEqualTo("kota-tangerang");
        assertThat(fault.path("requestId").asText()).isEqualTo("req-1");
        assertThat(fault.path("route").asText()).isEqualTo("POST /registrations");
        assertThat(fault.path("message").asText()).isEqualTo("failed for NIK 3671********0001");
        assertThat(fault.path("error").asText()).contains("IllegalStateException", "\tat ").doesNotContain("3671014507850001");
        JsonNode answered = lines.get(1);
        assertThat(answered.path("message").asText()).isEqualTo("answered 500");
        assertThat(answered.path("status").asInt()).isEqualTo(500);
        assertThat(answered.path("durationMs").asLong()).isEqualTo(42);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("3671014507850001");
    }

    @Test
    void everyAnsweredRequest_isOneLine_withStatusAndDuration_thenTheContextIsGone() throws Exception {
        JsonLogs.install(out, "claims-fn", null);
        JsonLogs.beginRequest("req-2", "GET /claims/checks/{id}");
        JsonLogs.endRequest(404, 7);
        System.getLogger("id.dinsos.rentan.test").log(System.Logger.Level.WARNING, "between requests");
        List<JsonNode> lines = lines();
        assertThat(lines.get(0).path("status").asInt()).isEqualTo(404);
        assertThat(lines.get(0).path("level").asText()).isEqualTo("INFO");
        assertThat(lines.get(1).has("requestId")).as("no request is at hand any more").isFalse();
        assertThat(lines.get(1).has("programme")).isFalse();
    }

    @Test
    void outsideLambda_nothingIsInstalled_andRequestsLogNothing() {
        JsonLogs.installInLambda(); // the test JVM has no AWS_LAMBDA_FUNCTION_NAME
        JsonLogs.beginRequest("req-3", "GET /programme");
        JsonLogs.endRequest(200, 1);
        assertThat(out.size()).isZero();
    }

    @Test
    void anAwsSdkWarningThroughSlf4j_isOneJsonLine_withItsStackTraceInOneField() throws Exception {
        JsonLogs.install(out, "subsidy-fn", "kota-tangerang");
        // The AWS SDK logs through SLF4J; slf4j-jdk14 hands it to java.util.logging, where the JSON lines are written.
        org.slf4j.LoggerFactory.getLogger("software.amazon.awssdk.test").warn("retrying a throttled request",
                new IllegalStateException("throttled", new RuntimeException("root cause")));
        org.slf4j.LoggerFactory.getLogger("software.amazon.awssdk.test").debug("below INFO: not written");

        String[] raw = out.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(raw).hasSize(1);
        JsonNode line = Json.MAPPER.readTree(raw[0]);
        assertThat(line.path("level").asText()).isEqualTo("WARNING");
        assertThat(line.path("logger").asText()).isEqualTo("software.amazon.awssdk.test");
        assertThat(line.path("message").asText()).isEqualTo("retrying a throttled request");
        assertThat(line.path("error").asText()).contains("IllegalStateException: throttled", "\tat ", "Caused by: java.lang.RuntimeException: root cause");
    }

    @Test
    void anEventOffTheApiPath_putsItsRequestIdAndOwnIdOnEveryLine_alsoOnOtherThreads_thenOneOutcomeLine() throws Exception {
        JsonLogs.install(out, "worker-fn", "kota-tangerang");
        JsonLogs.beginEvent("lambda-req-9", "segment", "messageId", "msg-9");
        System.getLogger("id.dinsos.rentan.test").log(System.Logger.Level.WARNING, "on the invocation's thread");
        Thread writer = new Thread(() -> System.getLogger("id.dinsos.rentan.test")
                .log(System.Logger.Level.WARNING, "on a writer thread"), "ledger-writer");
        writer.start();
        writer.join();
        JsonLogs.endEvent("2025-04 part 1 segment 0/1 DONE", java.util.logging.Level.INFO, 12);
        System.getLogger("id.dinsos.rentan.test").log(System.Logger.Level.WARNING, "after the event");

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(4);
        for (JsonNode line : lines.subList(0, 3)) {
            assertThat(line.path("requestId").asText()).as(line.toString()).isEqualTo("lambda-req-9");
            assertThat(line.path("messageId").asText()).isEqualTo("msg-9");
            assertThat(line.path("event").asText()).isEqualTo("segment");
        }
        assertThat(lines.get(2).path("message").asText()).isEqualTo("handled segment: 2025-04 part 1 segment 0/1 DONE");
        assertThat(lines.get(2).path("outcome").asText()).isEqualTo("2025-04 part 1 segment 0/1 DONE");
        assertThat(lines.get(2).path("durationMs").asLong()).isEqualTo(12);
        assertThat(lines.get(3).has("requestId")).as("no event is at hand any more").isFalse();
    }
}
