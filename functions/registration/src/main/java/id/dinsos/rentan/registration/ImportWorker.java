package id.dinsos.rentan.registration;

import com.fasterxml.jackson.databind.JsonNode;
import id.dinsos.rentan.application.DecreeImports;
import id.dinsos.rentan.http.JsonLogs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

/**
 * The import queue's records (SQS, one at a time): an upload's arrival starts its import, a chunk
 * message imports that chunk. A record that fails is reported back to SQS, which delivers it again
 * after the visibility timeout and, after five failures, parks it in the dead-letter queue.
 * Logs name the import and the chunk, never a line's content.
 */
final class ImportWorker {
    private static final System.Logger LOG = System.getLogger(ImportWorker.class.getName());

    private final DecreeImports imports;

    ImportWorker(DecreeImports imports) {
        this.imports = imports;
    }

    /** @param invocationId Lambda's request id of the invocation (null in-process: each record's messageId stands in) */
    Map<String, Object> handle(JsonNode records, String invocationId) {
        List<Map<String, String>> failures = new ArrayList<>();
        for (JsonNode record : records) {
            String messageId = record.path("messageId").asText();
            long started = System.nanoTime();
            // Every line logged while the record is handled carries the request id and the message's id (http/JsonLogs).
            JsonLogs.beginEvent(invocationId != null && !invocationId.isBlank() ? invocationId
                    : messageId.isBlank() ? UUID.randomUUID().toString() : messageId, "decree-import", "messageId", messageId);
            String outcome = "FAILED";
            try {
                for (ImportMessages.Message message : ImportMessages.read(record.path("body").asText())) {
                    if (message instanceof ImportMessages.FileArrived arrived) {
                        LOG.log(System.Logger.Level.INFO, "import " + arrived.importId() + ": file arrived");
                        imports.fileArrived(arrived.importId());
                    } else if (message instanceof ImportMessages.Chunk chunk) {
                        LOG.log(System.Logger.Level.INFO, "import " + chunk.importId() + ": chunk " + chunk.chunk());
                        imports.processChunk(chunk.importId(), chunk.chunk());
                    }
                }
                outcome = "DONE";
            } catch (ImportMessages.Unreadable notOurs) {
                // Retrying cannot make it readable: drop it (it was not ours) rather than fill the dead-letter queue.
                LOG.log(System.Logger.Level.WARNING, "import queue message " + messageId + " ignored: " + notOurs.getMessage());
                outcome = "IGNORED";
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "import queue message " + messageId + " failed; SQS will deliver it again", e);
                failures.add(Map.of("itemIdentifier", messageId));
            } finally {
                JsonLogs.endEvent(outcome, "FAILED".equals(outcome) ? Level.SEVERE : Level.INFO, (System.nanoTime() - started) / 1_000_000);
            }
        }
        return Map.of("batchItemFailures", failures);
    }
}
