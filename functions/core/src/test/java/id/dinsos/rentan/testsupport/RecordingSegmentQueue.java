package id.dinsos.rentan.testsupport;

import id.dinsos.rentan.application.RunSegment;
import id.dinsos.rentan.port.SegmentQueue;

import java.util.ArrayList;
import java.util.List;

/**
 * The segment queue of the tests: runs each segment at once, as the local runner does, unless told
 * to hold segments back (to play an invocation that dies before its segments are processed).
 */
public final class RecordingSegmentQueue implements SegmentQueue {
    private final RunSegment worker;
    private final List<Segment> held = new ArrayList<>();
    private boolean holding;

    public RecordingSegmentQueue(RunSegment worker) {
        this.worker = worker;
    }

    /** From now on segments are only recorded, not processed. */
    public void hold() {
        holding = true;
    }

    public List<Segment> held() {
        return List.copyOf(held);
    }

    public void release() {
        holding = false;
        held.clear();
    }

    @Override
    public void enqueue(List<Segment> segments) {
        if (holding) {
            held.addAll(segments);
            return;
        }
        for (Segment segment : segments) {
            worker.process(segment, () -> Long.MAX_VALUE, 0);
        }
    }
}
