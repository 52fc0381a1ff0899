package id.dinsos.rentan.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One embedded-metric-format document per count, one line each, as CloudWatch extracts them from a log. */
class EmfMetricsTest {
    private static final Instant AT = Instant.parse("2025-03-10T01:00:00Z");

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final EmfMetrics metrics = new EmfMetrics(new PrintStream(captured, true, StandardCharsets.UTF_8),
            Clock.fixed(AT, ZoneOffset.UTC));

    private String[] lines() {
        return captured.toString(StandardCharsets.UTF_8).split("\n");
    }

    @Test
    void aCount_isOneLineOfValidEmf_withTheProgrammeDimension() throws Exception {
        metrics.count("RunCompleted", 1, "kota-tangerang");

        assertThat(lines()).hasSize(1);
        JsonNode doc = Json.MAPPER.readTree(lines()[0]);
        assertThat(doc.path("_aws").path("Timestamp").asLong()).isEqualTo(AT.toEpochMilli());
        JsonNode directive = doc.path("_aws").path("CloudWatchMetrics");
        assertThat(directive.isArray()).isTrue();
        assertThat(directive).hasSize(1);
        assertThat(directive.get(0).path("Namespace").asText()).isEqualTo("PekerjaRentan");
        assertThat(directive.get(0).path("Dimensions").toString()).isEqualTo("[[\"Programme\"]]");
        assertThat(directive.get(0).path("Metrics").toString()).isEqualTo("[{\"Name\":\"RunCompleted\",\"Unit\":\"Count\"}]");
        assertThat(doc.path("Programme").asText()).isEqualTo("kota-tangerang");
        assertThat(doc.path("RunCompleted").isIntegralNumber()).isTrue();
        assertThat(doc.path("RunCompleted").asLong()).isEqualTo(1);
        // Nothing else at the top level: no request data rides along.
        assertThat(doc.size()).isEqualTo(3);
    }

    @Test
    void aSecondDimension_followsProgramme_inOneDimensionSet() throws Exception {
        metrics.count("Refusals", 1, "kota-tangerang", "Code", "ALREADY_REGISTERED");
        metrics.count("LinesCharged", 5952, "kota-tangerang");

        String[] lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode refusal = Json.MAPPER.readTree(lines[0]);
        assertThat(refusal.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
                .isEqualTo("[[\"Programme\",\"Code\"]]");
        assertThat(refusal.path("Code").asText()).isEqualTo("ALREADY_REGISTERED");
        assertThat(refusal.path("Refusals").asLong()).isEqualTo(1);
        assertThat(Json.MAPPER.readTree(lines[1]).path("LinesCharged").asLong()).isEqualTo(5952);
    }

    @Test
    void dimensionsKeepTheirOrder() {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("Programme", "p");
        dimensions.put("Outcome", "ELIGIBLE");
        assertThat(EmfMetrics.document("ClaimChecks", 1, dimensions, 0))
                .startsWith("{\"_aws\":{\"Timestamp\":0,\"CloudWatchMetrics\":[{\"Namespace\":\"PekerjaRentan\","
                        + "\"Dimensions\":[[\"Programme\",\"Outcome\"]],\"Metrics\":[{\"Name\":\"ClaimChecks\",\"Unit\":\"Count\"}]}]}")
                .endsWith(",\"Programme\":\"p\",\"Outcome\":\"ELIGIBLE\",\"ClaimChecks\":1}");
    }

    @Test
    void aMetricNamedLikeADimension_isRefused() {
        assertThatThrownBy(() -> EmfMetrics.document("Programme", 1, Map.of("Programme", "p"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyInsideLambda_doCountsReachStandardOutput() {
        assertThat(EmfMetrics.forEnvironment(null)).isSameAs(id.dinsos.rentan.port.Metrics.NONE);
        assertThat(EmfMetrics.forEnvironment(" ")).isSameAs(id.dinsos.rentan.port.Metrics.NONE);
        assertThat(EmfMetrics.forEnvironment("pekerja-rentan-registration")).isInstanceOf(EmfMetrics.class);
    }

    @Test
    void anAmountOfRupiah_hasNoUnit_andIsWrittenWhole() throws Exception {
        metrics.rupiah("OverdueAmount", 99_993_600L, "kota-tangerang");
        JsonNode doc = Json.MAPPER.readTree(lines()[0]);
        assertThat(doc.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").toString())
                .isEqualTo("[{\"Name\":\"OverdueAmount\",\"Unit\":\"None\"}]");
        assertThat(doc.path("OverdueAmount").isIntegralNumber()).isTrue();
        assertThat(doc.path("OverdueAmount").asLong()).isEqualTo(99_993_600L);
    }

    @Test
    void whileAnEventIsAtHand_theDocumentCarriesItsRequestId_asAPropertyNotADimension() throws Exception {
        JsonLogs.beginEvent("lambda-req-1", "overdue-bills", "executionId", "exec-1");
        try {
            metrics.count("BillsOverdue", 2, "kota-tangerang");
        } finally {
            JsonLogs.endEvent("done", java.util.logging.Level.INFO, 0);
        }
        JsonNode doc = Json.MAPPER.readTree(lines()[0]);
        assertThat(doc.path("requestId").asText()).isEqualTo("lambda-req-1");
        assertThat(doc.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString()).isEqualTo("[[\"Programme\"]]");
        assertThat(doc.has("executionId")).isFalse();
    }
}
