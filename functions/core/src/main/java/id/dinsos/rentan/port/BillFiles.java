package id.dinsos.rentan.port;

import id.dinsos.rentan.domain.ContributionLine;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The month's bill as files: each page a segment charges is written as a slice of the bill
 * (its rows, without the header) by the invocation that charged it, so no single invocation reads the
 * month's lines; the invocation that completes a part records the part's slices. Rewriting a slice
 * (a crash before the page's checkpoint, a retried page) writes the same key again.
 */
public interface BillFiles {

    /**
     * One page of one shard of a part: the lines it charged, in any order (the adapter writes them
     * ordered by NIK), and the programme's wadah code for the bill's first column.
     */
    record Slice(String programmeId, YearMonth month, int part, int shard, long step, String wadahCode,
                 List<ContributionLine> lines) {
    }

    void write(Slice slice);

    /** The part is complete with {@code lines} lines: records its slices, so a reader knows the part's rows are whole. */
    void partCompleted(String programmeId, YearMonth month, int part, long lines);

    /** The parts of the month whose slices were recorded complete, with the line count each recorded. */
    Map<Integer, Long> completedParts(String programmeId, YearMonth month);

    /**
     * The rows of these parts, without the header: part by part in the order given, ordered by NIK
     * within a part (the slices are merged), exactly as the bill built from the table orders them.
     */
    void writeRows(String programmeId, YearMonth month, List<Integer> parts, Writer out) throws IOException;

    /**
     * Writes the month's bill as one file: the header once, then these parts' rows in the order given,
     * ordered by NIK within a part (as {@link #writeRows}), replacing the file of fewer parts. Called by
     * the invocation that completes a part, once every billed part of the month has its slices.
     */
    void assemble(String programmeId, YearMonth month, List<Integer> parts);

    /** A short-lived download link to a month's bill file. */
    record Link(URI url, Instant expiresAt) {
    }

    /**
     * A link to the month's bill file if it holds exactly these parts; empty where files have no
     * links (locally the bill is streamed from the slices) or while the file is missing or older.
     */
    Optional<Link> link(String programmeId, YearMonth month, List<Integer> parts);

    /**
     * Whether the month's file is downloaded through a link (S3) rather than streamed from the slices
     * (the local runner, which has no response limit).
     */
    default boolean givesLinks() {
        return false;
    }

    /** No files: the bill is built from the table only (tests and the benchmark that do not need files). */
    BillFiles NONE = new BillFiles() {
        @Override
        public void write(Slice slice) {
        }

        @Override
        public void partCompleted(String programmeId, YearMonth month, int part, long lines) {
        }

        @Override
        public Map<Integer, Long> completedParts(String programmeId, YearMonth month) {
            return Map.of();
        }

        @Override
        public void writeRows(String programmeId, YearMonth month, List<Integer> parts, Writer out) {
            throw new IllegalStateException("no bill files");
        }

        @Override
        public void assemble(String programmeId, YearMonth month, List<Integer> parts) {
        }

        @Override
        public Optional<Link> link(String programmeId, YearMonth month, List<Integer> parts) {
            return Optional.empty();
        }
    };
}
