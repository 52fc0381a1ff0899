package id.dinsos.rentan.registration;

import id.dinsos.rentan.port.ImportQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.function.Supplier;

/** Sends an import's next chunk to the import queue (template.yaml: ImportQueue), which feeds this function. */
final class SqsImportQueue implements ImportQueue {
    private final Supplier<SqsClient> connect;
    private final String queueUrl;
    private volatile SqsClient sqs;

    SqsImportQueue(Supplier<SqsClient> connect, String queueUrl) {
        this.connect = connect;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(String importId, int chunk) {
        client().sendMessage(r -> r.queueUrl(queueUrl).messageBody(ImportMessages.chunk(importId, chunk)));
    }

    SqsClient client() {
        SqsClient made = sqs;
        if (made == null) {
            synchronized (this) {
                if (sqs == null) {
                    sqs = connect.get();
                }
                made = sqs;
            }
        }
        return made;
    }
}
