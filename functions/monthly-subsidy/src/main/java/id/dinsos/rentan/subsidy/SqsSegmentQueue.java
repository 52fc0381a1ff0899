package id.dinsos.rentan.subsidy;

import id.dinsos.rentan.port.SegmentQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Sends segments to the SQS queue that feeds this same function (template.yaml: SegmentQueue), so
 * each segment runs in its own invocation, retried by SQS and parked in a dead-letter queue after
 * repeated failures.
 */
final class SqsSegmentQueue implements SegmentQueue {
    private final Supplier<SqsClient> connect;
    private final String queueUrl;
    private volatile SqsClient sqs;

    SqsSegmentQueue(SqsClient sqs, String queueUrl) {
        this(() -> sqs, queueUrl);
    }

    /**
     * The client is made on first use: most invocations (GET /runs, the bill, a segment with nothing
     * left to do) send nothing, and building an SDK client is a large part of a cold start. With
     * SnapStart, priming makes it before the snapshot ({@link #client()}).
     */
    SqsSegmentQueue(Supplier<SqsClient> connect, String queueUrl) {
        this.connect = connect;
        this.queueUrl = queueUrl;
    }

    SqsClient client() {
        SqsClient made = sqs;
        if (made == null) {
            synchronized (this) {
                made = sqs;
                if (made == null) {
                    made = connect.get();
                    sqs = made;
                }
            }
        }
        return made;
    }

    @Override
    public void enqueue(List<Segment> segments) {
        for (int from = 0; from < segments.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Segment s : segments.subList(from, Math.min(segments.size(), from + 10))) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id("segment-" + s.index())
                        .messageBody(SegmentMessages.write(s))
                        .build());
            }
            SendMessageBatchResponse response = client().sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + response.failed().size() + " segment messages: "
                        + response.failed().get(0).code());
            }
        }
    }
}
