package id.dinsos.rentan.registration;

import com.fasterxml.jackson.databind.JsonNode;
import id.dinsos.rentan.domain.Ids;
import id.dinsos.rentan.http.Json;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bodies of the import queue's messages: S3's notification that an upload arrived
 * ({@code {"Records": [{"eventSource": "aws:s3", "s3": {"object": {"key": "uploads/<id>.csv"}}}]}}),
 * S3's test event when the notification is set up (ignored), and a chunk {@code {"importId", "chunk"}}.
 */
final class ImportMessages {
    sealed interface Message permits FileArrived, Chunk {
    }

    record FileArrived(String importId) implements Message {
    }

    record Chunk(String importId, int chunk) implements Message {
    }

    /** A message that no retry can make readable. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private ImportMessages() {
    }

    static String chunk(String importId, int chunk) {
        return Json.write(Map.of("importId", importId, "chunk", chunk));
    }

    /** What a message asks for; nothing for a test event or an object that is not an upload. */
    static List<Message> read(String body) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new Unreadable("not an import message (not JSON)");
        }
        List<Message> messages = new ArrayList<>();
        if (json == null || !json.isObject()) {
            throw new Unreadable("not an import message");
        }
        if (json.has("importId")) {
            String id = json.path("importId").asText();
            JsonNode chunk = json.path("chunk");
            if (!Ids.isId(id) || !chunk.canConvertToInt() || chunk.asInt() < 0) {
                throw new Unreadable("not a chunk message");
            }
            messages.add(new Chunk(id, chunk.asInt()));
            return messages;
        }
        for (JsonNode record : json.path("Records")) {
            if ("aws:s3".equals(record.path("eventSource").asText()) && record.path("eventName").asText().startsWith("ObjectCreated:")) {
                // S3 sends the key URL-encoded (form style: "uploads%2F<id>.csv" is as valid as "uploads/<id>.csv").
                String key = URLDecoder.decode(record.path("s3").path("object").path("key").asText(), StandardCharsets.UTF_8);
                S3ImportFiles.importIdOf(key).map(FileArrived::new).ifPresent(messages::add);
            }
        }
        return messages; // s3:TestEvent and others: nothing to do
    }
}
