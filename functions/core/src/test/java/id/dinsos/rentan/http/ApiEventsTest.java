package id.dinsos.rentan.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import id.dinsos.rentan.devkit.ProjectFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream handlers read events and write answers with our Jackson (ApiEvents) instead of the Lambda
 * runtime's event mapper: the same JSON must mean the same thing both ways. The runtime's mapper is
 * aws-lambda-java-serialization, the library the runtime itself uses.
 */
class ApiEventsTest {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> RUNTIME_EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, ApiEventsTest.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RUNTIME_RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, ApiEventsTest.class.getClassLoader());

    @Test
    void everySampleHttpEvent_readsAsTheRuntimeReadsIt() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(ProjectFiles.root().resolve("events"))) {
            files = all.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        int httpEvents = 0;
        for (Path file : files) {
            byte[] json = Files.readAllBytes(file);
            if (!new String(json, StandardCharsets.UTF_8).contains("\"routeKey\"")) {
                continue; // the schedule's payload and the SQS batch are not HTTP events
            }
            httpEvents++;
            APIGatewayV2HTTPEvent ours = ApiEvents.read(new ByteArrayInputStream(json));
            APIGatewayV2HTTPEvent runtimes = RUNTIME_EVENTS.fromJson(new ByteArrayInputStream(json));
            assertThat(ours).as(file.toString()).isEqualTo(runtimes);
        }
        assertThat(httpEvents).as("HTTP events among events/").isGreaterThan(20);
    }

    @Test
    void answers_areWrittenAsTheRuntimeWritesThem() throws IOException {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json", "Location", "/claims/checks/x"));
        for (APIGatewayV2HTTPResponse response : List.of(
                APIGatewayV2HTTPResponse.builder().withStatusCode(201).withHeaders(headers)
                        .withBody("{\"name\":\"Siti \\\"Aminah\\\"\",\"nik\":\"3671********0001\"}").withIsBase64Encoded(false).build(),
                APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(Map.of("Content-Type", "text/csv; charset=utf-8"))
                        .withBody("nik,fullName\n3671014507850001,Siti Ä\n").withIsBase64Encoded(false).build(),
                APIGatewayV2HTTPResponse.builder().withStatusCode(204).build())) {
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            ApiEvents.write(response, ours);
            ByteArrayOutputStream runtimes = new ByteArrayOutputStream();
            RUNTIME_RESPONSES.toJson(response, runtimes);
            assertThat(ours.toString(StandardCharsets.UTF_8)).isEqualTo(runtimes.toString(StandardCharsets.UTF_8));
        }
    }
}
