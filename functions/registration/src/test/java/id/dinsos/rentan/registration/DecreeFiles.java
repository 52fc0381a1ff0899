package id.dinsos.rentan.registration;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.dinsos.rentan.devkit.LambdaResponse;
import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SampleEvents;

import java.nio.file.Path;
import java.util.Map;

/** Decree files of any length, and the events of the import routes and queue, for the import tests. */
final class DecreeFiles {
    static final Path EVENTS = ProjectFiles.root().resolve("events/registration");
    static final String PLACEHOLDER = "00000000-0000-4000-8000-000000000001";
    static final String HEADER = "nik,fullName,birthDate,sex,phone,street,kelurahan,kecamatan,occupation,dtsenDecile,dtsenVersion,disability,coverageStart";

    private DecreeFiles() {
    }

    /** Lines for people 1..count, each eligible in the sample programme (born 1 January 1975, Karawaci). */
    static String decree(int count) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (int k = 1; k <= count; k++) {
            b.append(String.format("367107010175%04d", k)).append(",Peserta ").append(name(k))
                    .append(",1975-01-01,M,,Jl. Imam Bonjol 12,Bojong Jaya,Karawaci,PUBLIC_TRANSPORT_DRIVER,,,false,\n");
        }
        return b.toString();
    }

    /**
     * A decree of {@code count} lines whose chunks do not fall on line boundaries of a plain file: CRLF
     * line breaks, a blank line, streets quoted over two lines, names beyond ASCII, an unreadable line,
     * and the 1,299th person with the NIK of the 10th (DUPLICATE_IN_FILE across chunks: chunk 5 against chunk 0).
     */
    static String awkwardDecree(int count) {
        StringBuilder b = new StringBuilder(HEADER).append("\r\n");
        for (int k = 1; k <= count; k++) {
            String nik = String.format("367107010175%04d", k == 1_299 ? 10 : k);
            String name = k % 7 == 0 ? "Peserta Ñoño Çağrı " + name(k) : "Peserta " + name(k);
            String street = k % 301 == 0 ? "\"Jl. Imam Bonjol 12,\nBlok " + k + "\"" : "Jl. Imam Bonjol 12";
            if (k == 1_000) {
                nik = "3671070101751000X";
            }
            b.append(nik).append(',').append(name).append(",1975-01-01,M,,").append(street)
                    .append(",Bojong Jaya,Karawaci,PUBLIC_TRANSPORT_DRIVER,,,false,\r\n");
            if (k == 500) {
                b.append("\r\n");
            }
        }
        return b.toString();
    }

    /** A name of letters only, different for each k. */
    private static String name(int k) {
        StringBuilder b = new StringBuilder();
        for (char c : Integer.toString(k).toCharArray()) {
            b.append((char) ('a' + (c - '0')));
        }
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }

    static APIGatewayV2HTTPEvent event(String file) {
        return SampleEvents.httpEvent(EVENTS.resolve(file));
    }

    static APIGatewayV2HTTPEvent event(String file, String id) {
        APIGatewayV2HTTPEvent e = event(file);
        e.getPathParameters().put("id", id);
        e.setRawPath(e.getRawPath().replace(PLACEHOLDER, id));
        e.getRequestContext().getHttp().setPath(e.getRequestContext().getHttp().getPath().replace(PLACEHOLDER, id));
        return e;
    }

    static APIGatewayV2HTTPEvent create(long sizeBytes) {
        APIGatewayV2HTTPEvent e = event("post-import.json");
        e.setBody("{\"sizeBytes\": " + sizeBytes + "}");
        e.getHeaders().remove("idempotency-key");
        return e;
    }

    static APIGatewayV2HTTPEvent report(String id, String cursor) {
        APIGatewayV2HTTPEvent e = event("get-import-report.json", id);
        if (cursor != null) {
            e.setQueryStringParameters(Map.of("cursor", cursor));
            e.setRawQueryString("cursor=" + cursor);
        }
        return e;
    }

    static APIGatewayV2HTTPEvent reportFile(String id) {
        return event("get-import-report-file.json", id);
    }

    /** The SQS event Lambda delivers for one message of the import queue with this body. */
    static JsonNode queueEvent(String messageId, String body) {
        JsonNode event = SampleEvents.readTree(EVENTS.resolve("queue/import-chunk.json"));
        ObjectNode record = (ObjectNode) event.path("Records").get(0);
        record.put("messageId", messageId);
        record.put("body", body);
        return event;
    }

    /** The sample S3 notification for this import's upload, as the queue's message body. */
    static String uploadedBody(String importId) {
        JsonNode sample = SampleEvents.readTree(EVENTS.resolve("queue/import-file-uploaded.json"));
        return sample.path("Records").get(0).path("body").asText().replace(PLACEHOLDER, importId);
    }

    static JsonNode deliver(RegistrationHandler handler, JsonNode sqsEvent) {
        return LambdaResponse.invoke(handler, sqsEvent, null);
    }

    static LambdaResponse send(RegistrationHandler handler, APIGatewayV2HTTPEvent event) {
        return LambdaResponse.of(handler.handleRequest(event, null));
    }
}
