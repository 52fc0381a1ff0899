package id.dinsos.rentan.subsidy;

import id.dinsos.rentan.application.RunSegment;
import id.dinsos.rentan.port.SegmentQueue;

import java.util.List;

/**
 * Runs each segment at once in the calling invocation: the local runner's and the tests' queue,
 * where there is no SQS and no time limit, so a segment always finishes in one go.
 */
final class InProcessSegmentQueue implements SegmentQueue {
    private RunSegment worker;

    void workWith(RunSegment worker) {
        this.worker = worker;
    }

    @Override
    public void enqueue(List<Segment> segments) {
        segments.forEach(segment -> worker.process(segment, () -> Long.MAX_VALUE, 0));
    }
}
