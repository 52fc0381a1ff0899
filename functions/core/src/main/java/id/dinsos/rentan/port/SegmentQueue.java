package id.dinsos.rentan.port;

import java.time.YearMonth;
import java.util.List;

/**
 * Hands the parts of a month's run to separate invocations, so no single invocation nears the
 * Lambda time limit. In AWS an SQS queue feeds the same function; locally the parts run at once
 * in-process.
 */
public interface SegmentQueue {

    void enqueue(List<Segment> segments);

    /**
     * Piece {@code index} of {@code count} of bill part {@code part} of a month's run: it handles the
     * shards {@code s} with {@code s % count == index}.
     */
    record Segment(String programmeId, YearMonth month, int part, int index, int count) {
        public Segment {
            if (count < 1 || index < 0 || index >= count || part < 1) {
                throw new IllegalArgumentException("segment " + index + " of " + count + " of part " + part);
            }
        }
    }
}
