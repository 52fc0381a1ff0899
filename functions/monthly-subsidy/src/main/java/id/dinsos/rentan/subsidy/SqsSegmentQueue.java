package id.dinsos.rentan.subsidy;

import id.dinsos.rentan.port.SegmentQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends segments to the SQS queue that feeds this same function (template.yaml: SegmentQueue), so
 * each segment runs in its own invocation, retried by SQS and parked in a dead-letter queue after
 * repeated failures.
 */
final class SqsSegmentQueue implements SegmentQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    SqsSegmentQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
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
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + response.failed().size() + " segment messages: "
                        + response.failed().get(0).code());
            }
        }
    }
}
