package id.dinsos.rentan.port;

import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.Refusal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Where a decree import uploaded as a file stands (issue 11): one record per import with its
 * counters, and one record per completed chunk holding that chunk's per-row report. A chunk is
 * recorded once: {@link #completeChunk} commits only if no other invocation recorded it first, so
 * a message delivered twice never counts a row twice.
 */
public interface DecreeImportStore {

    enum Status { WAITING_FOR_FILE, IN_PROGRESS, COMPLETED, FAILED }

    /** Rows of the file by what became of them; {@code done} counts every row reported so far. */
    record Counts(int done, int active, int waitlisted, int unchanged, int refused) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

        public int accepted() {
            return active + waitlisted;
        }
    }

    /**
     * @param chunksDone how many chunks, from the first, are recorded (chunks run in file order)
     * @param failure    why the whole file was refused (status FAILED), else null
     * @param fileDigest the SHA-256 (hex) of the file the import started with; every chunk reads that file or none
     * @param reportWritten whether the report file of the completed import is written ({@link ImportFiles#writeReport})
     * @param plan       where each chunk lies in the file, recorded when it started; null: every chunk reads the whole file
     */
    record DecreeImport(String id, String programmeId, Status status, long sizeBytes, Actor createdBy, OffsetDateTime createdAt,
                        int rowsTotal, int chunks, int chunksDone, Counts counts, Refusal.Invalid failure, String fileDigest,
                        boolean reportWritten, ChunkPlan plan) {
    }

    /**
     * Where each chunk lies in the uploaded file, found when the import starts, so that a chunk reads
     * only its own bytes ({@link ImportFiles#readRange}).
     *
     * @param fileVersion     the upload's version (S3's ETag) every ranged read is conditioned on
     * @param starts          the byte offset where each chunk's first line starts, and last the file's length (chunks + 1 numbers)
     * @param firstLines      each chunk's first line number (the header is line 1)
     * @param wholeFileChunks chunks with a NIK that an earlier chunk's line also has: they read the whole file, to tell
     *                        DUPLICATE_IN_FILE against every earlier line as the synchronous import does
     */
    record ChunkPlan(String fileVersion, List<Long> starts, List<Integer> firstLines, java.util.Set<Integer> wholeFileChunks) {
        public ChunkPlan {
            starts = List.copyOf(starts);
            firstLines = List.copyOf(firstLines);
            wholeFileChunks = java.util.Set.copyOf(wholeFileChunks);
        }
    }

    /** One line of the report, as the synchronous import reports it; the NIK masked. */
    record ReportRow(int line, String maskedNik, String outcome, String status, String registrationId,
                     List<Refusal.FieldError> reasons) {
        public ReportRow {
            reasons = List.copyOf(reasons);
        }
    }

    void create(DecreeImport decreeImport);

    Optional<DecreeImport> find(String id);

    /**
     * WAITING_FOR_FILE to IN_PROGRESS with the file's size in rows and chunks, its digest and where its chunks lie
     * (null: nowhere known); false if it had left WAITING_FOR_FILE.
     */
    boolean start(String id, int rowsTotal, int chunks, String fileDigest, ChunkPlan plan);

    /** WAITING_FOR_FILE or IN_PROGRESS to FAILED: the file as a whole was refused (header, size, not CSV), or replaced meanwhile. */
    boolean fail(String id, Refusal.Invalid failure);

    /**
     * Records chunk {@code index} with its rows and adds its counts, on condition that it is the next
     * chunk and not yet recorded; the last chunk completes the import. False: another invocation recorded it.
     */
    boolean completeChunk(String id, int index, Counts add, List<ReportRow> rows, boolean last);

    /** The report rows of a recorded chunk (empty if it is not recorded). */
    List<ReportRow> chunkRows(String id, int index);

    /** Notes that the completed import's report file is written whole. */
    void reportWritten(String id);
}
