package id.dinsos.rentan.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.devkit.SampleEvents;
import id.dinsos.rentan.registration.RegistrationHandler;
import id.dinsos.rentan.subsidy.MonthlySubsidyHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The data every measured request finds, written once by the real handlers in the benchmark's own JVM
 * (never measured): the demo programme, the decree list of events/registration (three people covered
 * from April 2025), and April 2025 run and paid. So GET /runs/2025-04 answers 200 with a run, and a
 * claim check assesses a real participant's ledger instead of stopping at "not registered".
 */
final class Seed {
    private static final Clock AUGUST_20 = Clock.fixed(Instant.parse("2025-08-20T03:00:00Z"), ZoneId.of("Asia/Jakarta"));

    /** The id of a registration covered from April 2025, for the claim check's event. */
    final String participantId;

    private Seed(String participantId) {
        this.participantId = participantId;
    }

    static Seed write(DynamoDbClient dynamo, String table, String programmeId, Path events) {
        RegistrationHandler registration = new RegistrationHandler(dynamo, table, programmeId, AUGUST_20);
        MonthlySubsidyHandler runs = new MonthlySubsidyHandler(dynamo, table, programmeId, AUGUST_20);

        expect(registration.handleRequest(SampleEvents.httpEvent(events.resolve("registration/put-programme.json")), null), 200);
        ObjectNode decree = (ObjectNode) SampleEvents.readTree(events.resolve("registration/import-registrations.json"));
        APIGatewayV2HTTPResponse imported = expect(registration.handleRequest(SampleEvents.httpEvent(decree), null), 200);
        String participant = body(imported).path("rows").get(0).path("registrationId").asText();

        ObjectNode run = (ObjectNode) SampleEvents.readTree(events.resolve("monthly-subsidy/post-run.json"));
        ((ObjectNode) run.get("headers")).remove("idempotency-key");
        run.put("body", "{\"month\": \"2025-04\"}");
        JsonNode ran = stream(runs, run);
        if (!ran.path("body").asText().contains("\"COMPLETED\"")) {
            throw new IllegalStateException("seeding: April 2025 did not run: " + ran);
        }
        ObjectNode pay = (ObjectNode) SampleEvents.readTree(events.resolve("monthly-subsidy/post-payment.json"));
        ((ObjectNode) pay.get("headers")).remove("idempotency-key");
        pay.put("body", "{\"paidOn\": \"2025-04-10\", \"reference\": \"SP2D-2025-04-0001\"}");
        if (stream(runs, pay).path("statusCode").asInt() != 200) {
            throw new IllegalStateException("seeding: April 2025 was not paid");
        }
        return new Seed(participant);
    }

    private static APIGatewayV2HTTPResponse expect(APIGatewayV2HTTPResponse response, int status) {
        if (response.getStatusCode() != status) {
            throw new IllegalStateException("seeding: expected " + status + ", got " + response.getStatusCode() + " " + response.getBody());
        }
        return response;
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return SampleEvents.MAPPER.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode stream(MonthlySubsidyHandler handler, JsonNode event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(SampleEvents.MAPPER.writeValueAsBytes(event)), out, null);
            return SampleEvents.MAPPER.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
