package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Actor;
import id.dinsos.rentan.domain.Ids;
import id.dinsos.rentan.domain.ProgrammeTime;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.port.DecreeImportStore;
import id.dinsos.rentan.port.DecreeImportStore.Counts;
import id.dinsos.rentan.port.DecreeImportStore.DecreeImport;
import id.dinsos.rentan.port.DecreeImportStore.ReportRow;
import id.dinsos.rentan.port.DecreeImportStore.Status;
import id.dinsos.rentan.port.ImportFiles;
import id.dinsos.rentan.port.ImportQueue;
import id.dinsos.rentan.port.ProgrammeStore;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The decree import without the API's 30 seconds (issue 11): the staff ask for an import and get a
 * short-lived upload target; the file's arrival starts the import, which works through the file
 * {@link #CHUNK_ROWS} lines at a time, one chunk per invocation, in file order (the decree's order
 * decides who is ACTIVE and who waits, R-17). Each chunk is the synchronous import of those lines
 * ({@link ImportDecreeList}), so a line is never written twice: a chunk run again finds its lines
 * already registered under the same ids, and the chunk's report and counts are recorded once, on
 * condition, whatever number of times its message is delivered.
 */
public final class DecreeImports {
    /** Lines per chunk: a chunk's report is one item of at most 400 KB (a refused line with every column wrong is about 1 KB). */
    public static final int CHUNK_ROWS = 250;
    /** The largest file accepted: 50 MiB, some 300,000 lines of the reference decree's shape. */
    public static final long MAX_FILE_BYTES = 50L * 1024 * 1024;
    /** The most lines a file may have. */
    public static final int MAX_ROWS = 200_000;
    /** How long an upload target may be used. */
    public static final Duration UPLOAD_VALID_FOR = Duration.ofMinutes(15);

    /** Reads the file's lines; a file that is not a decree list as a whole is refused with {@link Refusal.Invalid}. */
    public interface DecreeFileReader {
        List<DecreeRow> read(String text, LocalDate today, int maxRows);
    }

    public record Created(DecreeImport decreeImport, ImportFiles.Upload upload) {
    }

    /**
     * The report file of a completed import: a short-lived link to it (S3), or else its CSV text (the
     * local runner streams it).
     */
    public record ReportFile(Optional<ImportFiles.Link> link, String csv) {
    }

    /** One chunk's rows of the report, and the next chunk's number when there is one recorded. */
    public record ReportPage(List<ReportRow> rows, Integer nextChunk) {
    }

    /** Where a data line of a file starts: its byte offset and its line number (the header is line 1). */
    public record RowStart(long offset, int line) {
    }

    /**
     * Finds where each data line of a file starts, in file order (the reader's lines); null when it cannot
     * tell. Checked against the reader's lines: any disagreement and the import reads the whole file per chunk.
     */
    public interface RowLocator {
        List<RowStart> locate(byte[] file);
    }

    private final ProgrammeStore programmes;
    private final DecreeImportStore imports;
    private final RowLocator locator;
    private final ImportFiles files;
    private final ImportQueue queue;
    private final DecreeFileReader reader;
    private final ImportDecreeList importList;
    private final Clock clock;

    /** Without a locator: every chunk reads the whole file. */
    public DecreeImports(ProgrammeStore programmes, DecreeImportStore imports, ImportFiles files, ImportQueue queue,
                         DecreeFileReader reader, ImportDecreeList importList, Clock clock) {
        this(programmes, imports, files, queue, reader, null, importList, clock);
    }

    /** With a locator (and files that have versions): a chunk reads only its own bytes where it can. */
    public DecreeImports(ProgrammeStore programmes, DecreeImportStore imports, ImportFiles files, ImportQueue queue,
                         DecreeFileReader reader, RowLocator locator, ImportDecreeList importList, Clock clock) {
        this.locator = locator;
        this.programmes = programmes;
        this.imports = imports;
        this.files = files;
        this.queue = queue;
        this.reader = reader;
        this.importList = importList;
        this.clock = clock;
    }

    /** A new import waiting for its file of {@code sizeBytes} bytes (checked by the caller: 1 to {@link #MAX_FILE_BYTES}). */
    public Created create(String programmeId, long sizeBytes, Actor actor) {
        programmes.find(programmeId).orElseThrow(ProgrammeSettings::notSetUp);
        DecreeImport created = new DecreeImport(UUID.randomUUID().toString(), programmeId, Status.WAITING_FOR_FILE, sizeBytes,
                actor, ProgrammeTime.now(clock), 0, 0, 0, Counts.ZERO, null, null, false, null);
        imports.create(created);
        return new Created(created, files.uploadTarget(created.id(), sizeBytes, UPLOAD_VALID_FOR));
    }

    public DecreeImport get(String programmeId, String id) {
        if (!Ids.isId(id)) {
            throw notFound();
        }
        return imports.find(id).filter(i -> i.programmeId().equals(programmeId)).orElseThrow(DecreeImports::notFound);
    }

    /** The report of chunk {@code chunk} (0 for the first page); the chunks recorded so far can be read while the import runs. */
    public ReportPage report(String programmeId, String id, int chunk) {
        DecreeImport found = get(programmeId, id);
        if (chunk >= found.chunksDone()) {
            return new ReportPage(List.of(), null);
        }
        return new ReportPage(imports.chunkRows(id, chunk), chunk + 1 < found.chunksDone() ? chunk + 1 : null);
    }

    /**
     * The whole report as one file, once the import is complete: 409 {@code IMPORT_NOT_COMPLETED} before
     * (or when it failed; the paged report has the lines reported so far), 409 {@code REPORT_NOT_READY}
     * in the moment between the last chunk's record and its file (the invocation that recorded it writes
     * it, or the queue's next delivery of that chunk does; asking for the file queues that chunk again, so a
     * file never written is written then).
     */
    public ReportFile reportFile(String programmeId, String id) {
        DecreeImport found = get(programmeId, id);
        if (found.status() == Status.FAILED) {
            throw new Refusal.Conflict("IMPORT_NOT_COMPLETED", "The import failed, so it has no report file; "
                    + "GET /imports/" + id + " says why, and GET /imports/" + id + "/report has the lines reported before it stopped.");
        }
        if (found.status() != Status.COMPLETED) {
            throw new Refusal.Conflict("IMPORT_NOT_COMPLETED", "The import is not complete (" + found.counts().done() + " of "
                    + found.rowsTotal() + " lines reported); its report file is written when its last chunk is. "
                    + "Follow GET /imports/" + id + ", or page through GET /imports/" + id + "/report meanwhile.");
        }
        if (!found.reportWritten()) {
            // The last chunk's delivery writes a missing file (processChunk): ask for one, so that an import whose
            // completing invocation stopped before its file, or that completed before report files existed, gets it.
            if (found.chunks() > 0) {
                queue.enqueue(id, found.chunks() - 1);
            }
            throw notReady(id);
        }
        if (files.givesLinks()) {
            return new ReportFile(Optional.of(files.reportLink(id).orElseThrow(() -> notReady(id))), null);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            if (!files.copyReport(id, out)) {
                throw notReady(id);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("report file of import " + id + " not readable", e);
        }
        return new ReportFile(Optional.empty(), out.toString(StandardCharsets.UTF_8));
    }

    private static Refusal.Conflict notReady(String id) {
        return new Refusal.Conflict("REPORT_NOT_READY", "The import is complete and its report file is being written; "
                + "ask again in a few seconds (GET /imports/" + id + "/report has every line meanwhile).");
    }

    /**
     * The file arrived: reads it once to count its lines (a file refused as a whole fails the import)
     * and queues the first chunk. An arrival told twice starts nothing twice.
     */
    public void fileArrived(String id) {
        Optional<DecreeImport> found = imports.find(id);
        if (found.isEmpty() || found.get().status() != Status.WAITING_FOR_FILE) {
            if (found.isPresent() && found.get().status() == Status.IN_PROGRESS && found.get().chunksDone() == 0) {
                queue.enqueue(id, 0); // started, but the first chunk may never have been queued: queue it (again)
            }
            return;
        }
        List<DecreeRow> rows;
        ImportFiles.Content content;
        try {
            content = files.readVersioned(id, MAX_FILE_BYTES).orElseThrow(DecreeImports::noFile);
            rows = rows(found.get(), content.bytes());
        } catch (Refusal.Invalid refused) {
            imports.fail(id, refused);
            return;
        }
        int chunks = (rows.size() + CHUNK_ROWS - 1) / CHUNK_ROWS;
        if (imports.start(id, rows.size(), chunks, digest(content.bytes()), plan(content, rows, chunks))) {
            queue.enqueue(id, 0);
        }
    }

    /**
     * Where each chunk lies, if the file has a version to read parts of and the locator agrees with the
     * reader on every line's start; else null (each chunk reads the whole file, as before). A chunk with a
     * NIK that an earlier chunk's readable line has reads the whole file: a line is DUPLICATE_IN_FILE
     * against every earlier line, and only such a chunk needs the earlier ones.
     */
    private DecreeImportStore.ChunkPlan plan(ImportFiles.Content content, List<DecreeRow> rows, int chunks) {
        if (locator == null || content.version() == null) {
            return null;
        }
        List<RowStart> starts = locator.locate(content.bytes());
        if (starts == null || starts.size() != rows.size()) {
            return null;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (starts.get(i).line() != rows.get(i).line()) {
                return null;
            }
        }
        List<Long> chunkStarts = new ArrayList<>();
        List<Integer> firstLines = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            chunkStarts.add(starts.get(c * CHUNK_ROWS).offset());
            firstLines.add(starts.get(c * CHUNK_ROWS).line());
        }
        chunkStarts.add((long) content.bytes().length);
        java.util.Map<id.dinsos.rentan.domain.Nik, Integer> firstChunk = new java.util.HashMap<>();
        java.util.Set<Integer> whole = new java.util.TreeSet<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).readable()) {
                int chunk = i / CHUNK_ROWS;
                if (firstChunk.computeIfAbsent(rows.get(i).application().nik(), n -> chunk) < chunk) {
                    whole.add(chunk);
                }
            }
        }
        return new DecreeImportStore.ChunkPlan(content.version(), chunkStarts, firstLines, whole);
    }

    /**
     * Imports chunk {@code index} and queues the next. A chunk already recorded only queues the next
     * (the invocation that recorded it may have stopped before it could).
     */
    public void processChunk(String id, int index) {
        DecreeImport found = imports.find(id).orElse(null);
        if (found != null && found.status() == Status.COMPLETED && index + 1 == found.chunks() && !found.reportWritten()) {
            writeReport(found); // the last chunk delivered again: the invocation that recorded it may have stopped before its file
            return;
        }
        if (found == null || found.status() != Status.IN_PROGRESS || index >= found.chunks()) {
            return;
        }
        if (index < found.chunksDone()) {
            queueAfter(found, index);
            return;
        }
        if (index > found.chunksDone()) {
            return; // not its turn: the chunk before it queues it once recorded
        }
        ChunkRows chunk;
        try {
            chunk = chunkRows(found, index);
        } catch (Refusal.Invalid gone) {
            imports.fail(id, gone); // removed meanwhile (the bucket keeps uploads 30 days): no retry brings it back
            return;
        } catch (ImportFiles.Changed changed) {
            chunk = null;
        }
        if (chunk == null) {
            // Uploaded again while it was being imported: the lines no longer are the ones counted. Stop, say why.
            imports.fail(id, new Refusal.Invalid("VALIDATION_FAILED", "The file was replaced while it was being imported.",
                    List.of(new Refusal.FieldError("file", "FILE_CHANGED",
                            "The file changed after the import started; start a new import for the new file."))));
            return;
        }
        ImportDecreeList.Result result = importList.run(found.programmeId(), chunk.rows(), chunk.from(), chunk.to(),
                found.createdBy(), line -> registrationId(id, line));
        List<ReportRow> report = new ArrayList<>();
        int active = 0;
        int waitlisted = 0;
        int unchanged = 0;
        int refused = 0;
        for (ImportDecreeList.RowResult r : result.rows()) {
            switch (r.outcome()) {
                case ACCEPTED -> {
                    if (r.status() == RegistrationStatus.WAITLISTED) {
                        waitlisted++;
                    } else {
                        active++;
                    }
                }
                case UNCHANGED -> unchanged++;
                case REJECTED -> refused++;
            }
            report.add(r.report());
        }
        boolean last = index + 1 == found.chunks();
        if (imports.completeChunk(id, index, new Counts(report.size(), active, waitlisted, unchanged, refused), report, last)) {
            queueAfter(found, index);
            if (last) {
                writeReport(found);
            }
        }
    }

    /**
     * Writes the completed import's report file from its recorded chunks, one chunk read at a time, then
     * notes it written. Written again (a delivery that found it not noted yet), it is the same file.
     */
    private void writeReport(DecreeImport found) {
        files.writeReport(found.id(), found.chunks(), chunk -> imports.chunkRows(found.id(), chunk));
        imports.reportWritten(found.id());
    }

    /** The lines a chunk imports: {@code rows} from {@code from} to {@code to}, the lines before only checked. */
    private record ChunkRows(List<DecreeRow> rows, int from, int to) {
    }

    /**
     * The chunk's lines: where the plan says, only the chunk's own bytes (and the header's), on condition
     * that the file is still the version the import started with; else the whole file, checked against
     * its digest. Null: the file changed.
     */
    private ChunkRows chunkRows(DecreeImport found, int index) {
        DecreeImportStore.ChunkPlan plan = found.plan();
        if (plan != null && !plan.wholeFileChunks().contains(index)) {
            List<DecreeRow> rows = rangeRows(found, plan, index);
            if (rows != null) {
                return new ChunkRows(rows, 0, rows.size());
            }
        }
        byte[] file = file(found);
        if (!digest(file).equals(found.fileDigest())) {
            return null;
        }
        List<DecreeRow> rows = rows(found, file);
        int from = index * CHUNK_ROWS;
        return new ChunkRows(rows, from, Math.min(rows.size(), from + CHUNK_ROWS));
    }

    /**
     * Reads the header's bytes and the chunk's, parses them as one file and renumbers the lines as the
     * whole file numbers them. Null when they do not make the chunk's number of lines (never expected:
     * the plan was checked against the whole file's lines), and the chunk then reads the whole file.
     */
    private List<DecreeRow> rangeRows(DecreeImport found, DecreeImportStore.ChunkPlan plan, int index) {
        String id = found.id();
        long from = plan.starts().get(index);
        long to = plan.starts().get(index + 1);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        if (index > 0) {
            bytes.writeBytes(files.readRange(id, plan.fileVersion(), 0, plan.starts().get(0)).orElseThrow(DecreeImports::noFile));
        } else {
            from = 0;
        }
        bytes.writeBytes(files.readRange(id, plan.fileVersion(), from, to).orElseThrow(DecreeImports::noFile));
        List<DecreeRow> parsed;
        try {
            parsed = reader.read(bytes.toString(StandardCharsets.UTF_8), found.createdAt().toLocalDate(), MAX_ROWS);
        } catch (Refusal.Invalid unexpected) {
            return null;
        }
        int expected = Math.min(CHUNK_ROWS, found.rowsTotal() - index * CHUNK_ROWS);
        if (parsed.size() != expected) {
            return null;
        }
        int shift = plan.firstLines().get(index) - parsed.get(0).line();
        return parsed.stream().map(r -> new DecreeRow(r.line() + shift, r.nikText(), r.application(), r.coverageStart(), r.errors()))
                .toList();
    }

    private void queueAfter(DecreeImport found, int index) {
        if (index + 1 < found.chunks()) {
            queue.enqueue(found.id(), index + 1);
        }
    }

    private byte[] file(DecreeImport found) {
        return files.read(found.id(), MAX_FILE_BYTES).orElseThrow(DecreeImports::noFile);
    }

    private static Refusal.Invalid noFile() {
        return new Refusal.Invalid("VALIDATION_FAILED",
                "No file of at most " + MAX_FILE_BYTES + " bytes was uploaded for this import.",
                List.of(new Refusal.FieldError("file", "REQUIRED", "Upload the decree list with the import's upload URL.")));
    }

    private List<DecreeRow> rows(DecreeImport found, byte[] file) {
        return reader.read(new String(file, StandardCharsets.UTF_8), found.createdAt().toLocalDate(), MAX_ROWS);
    }

    static String digest(byte[] file) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The id a line's new registration gets: the same on every attempt at the line (name-based UUID, lower case). */
    static String registrationId(String importId, int line) {
        return UUID.nameUUIDFromBytes(("decree-import:" + importId + ":" + line).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Refusal.NotFound notFound() {
        return new Refusal.NotFound("IMPORT_NOT_FOUND", "No such import.");
    }
}
