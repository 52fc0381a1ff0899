package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.dynamodb.DynamoDbDecreeImportStore;
import id.dinsos.rentan.http.ImportReportCsv;
import id.dinsos.rentan.port.DecreeImportStore;
import id.dinsos.rentan.port.DecreeImportStore.DecreeImport;
import id.dinsos.rentan.port.DecreeImportStore.ReportRow;
import id.dinsos.rentan.port.DecreeImportStore.Status;
import id.dinsos.rentan.port.ImportFiles;
import id.dinsos.rentan.port.ImportQueue;
import id.dinsos.rentan.port.RegistrationStore;
import id.dinsos.rentan.testsupport.Fixtures;
import id.dinsos.rentan.testsupport.TickingClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static id.dinsos.rentan.testsupport.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The decree import as a file (issue 11), in-process on DynamoDB Local: chunks in file order, one
 * per message, each recorded once; a message delivered twice or a chunk interrupted half-way and run
 * again never writes or counts a line twice.
 */
class DecreeImportsTest extends ApplicationTestBase {
    /** The file's text for these tests: one applicant's sequence number a line ("x" is a line that cannot be read). */
    private static final DecreeImports.DecreeFileReader READER = (text, today, maxRows) -> {
        if (text.startsWith("not a decree")) {
            throw new Refusal.Invalid("VALIDATION_FAILED", "The CSV header is not the decree list's.",
                    List.of(new Refusal.FieldError("header", "MISSING_COLUMN", "The header lacks the column nik.")));
        }
        List<DecreeRow> rows = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            int line = i + 2;
            if (lines[i].equals("x")) {
                rows.add(new DecreeRow(line, "12", null, null, List.of(new Refusal.FieldError("nik", "INVALID_FORMAT", "NIK 16 digits."))));
            } else {
                var applicant = Fixtures.applicant(Integer.parseInt(lines[i]));
                rows.add(new DecreeRow(line, applicant.nik().value(), applicant, null, List.of()));
            }
        }
        return rows;
    };

    private final Map<String, byte[]> files = new HashMap<>();
    private final Map<String, String> reportFiles = new HashMap<>();
    private final AtomicInteger reportWrites = new AtomicInteger();
    /** The queue as SQS holds it: messages wait until the test delivers them. */
    private final Deque<int[]> messages = new ArrayDeque<>();
    private final Map<Integer, String> messageImport = new HashMap<>();
    private DecreeImportStore store;
    private DecreeImports imports;

    @BeforeEach
    void wireImports() {
        store = new DynamoDbDecreeImportStore(client, table);
        imports = imports(services.registrations);
    }

    private DecreeImports imports(RegistrationStore registrations) {
        ImportFiles folder = new ImportFiles() {
            @Override
            public Upload uploadTarget(String importId, long sizeBytes, Duration validFor) {
                return new Upload("memory:" + importId, "PUT", Map.of("Content-Type", "text/csv"), Instant.now().plus(validFor));
            }

            @Override
            public Optional<byte[]> read(String importId, long maxBytes) {
                return Optional.ofNullable(files.get(importId)).filter(b -> b.length <= maxBytes);
            }

            @Override
            public void writeReport(String importId, int chunks, java.util.function.IntFunction<List<ReportRow>> chunkRows) {
                StringBuilder csv = new StringBuilder(ImportReportCsv.header());
                for (int chunk = 0; chunk < chunks; chunk++) {
                    csv.append(ImportReportCsv.rows(chunkRows.apply(chunk)));
                }
                reportFiles.put(importId, csv.toString());
                reportWrites.incrementAndGet();
            }

            @Override
            public Optional<Link> reportLink(String importId) {
                return Optional.empty();
            }

            @Override
            public boolean copyReport(String importId, java.io.OutputStream out) throws java.io.IOException {
                String csv = reportFiles.get(importId);
                if (csv == null) {
                    return false;
                }
                out.write(csv.getBytes(StandardCharsets.UTF_8));
                return true;
            }
        };
        ImportQueue queue = (importId, chunk) -> {
            messageImport.put(messages.size(), importId);
            messages.add(new int[] {chunk, messages.size()});
        };
        TickingClock clock = TickingClock.fromFixturesNow();
        return new DecreeImports(services.programmes, store, folder, queue, READER,
                new ImportDecreeList(services.programmes, registrations, clock), clock);
    }

    private String upload(String text) {
        DecreeImports.Created created = imports.create(programmeId, text.length(), STAFF);
        assertThat(created.upload().url()).endsWith(created.decreeImport().id());
        assertThat(imports.get(programmeId, created.decreeImport().id()).status()).isEqualTo(Status.WAITING_FOR_FILE);
        files.put(created.decreeImport().id(), text.getBytes(StandardCharsets.UTF_8));
        return created.decreeImport().id();
    }

    private static String lines(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            b.append(i).append('\n');
        }
        return b.toString();
    }

    /** Delivers every waiting message, as the queue's consumer would, and returns how many were delivered. */
    private int deliverAll(String id) {
        int delivered = 0;
        while (!messages.isEmpty()) {
            int[] message = messages.poll();
            imports.processChunk(id, message[0]);
            delivered++;
        }
        return delivered;
    }

    private List<ReportRow> report(String id) {
        List<ReportRow> rows = new ArrayList<>();
        Integer chunk = 0;
        while (chunk != null) {
            DecreeImports.ReportPage page = imports.report(programmeId, id, chunk);
            rows.addAll(page.rows());
            chunk = page.nextChunk();
        }
        return rows;
    }

    @Test
    void aFile_isImportedChunkByChunk_inFileOrder_withProgressAndAReportPerLine() {
        setUpProgramme(300);
        String id = upload(lines(1, 299) + "x\n" + lines(300, 600));
        imports.fileArrived(id);

        DecreeImport started = imports.get(programmeId, id);
        assertThat(started.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(started.rowsTotal()).isEqualTo(601);
        assertThat(started.chunks()).isEqualTo(3);
        assertThat(messages).hasSize(1);

        imports.processChunk(id, messages.poll()[0]);
        DecreeImport halfWay = imports.get(programmeId, id);
        assertThat(halfWay.chunksDone()).isEqualTo(1);
        assertThat(halfWay.counts().done()).isEqualTo(DecreeImports.CHUNK_ROWS);
        assertThat(halfWay.status()).isEqualTo(Status.IN_PROGRESS);

        assertThat(deliverAll(id)).isEqualTo(2);
        DecreeImport done = imports.get(programmeId, id);
        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(done.counts()).isEqualTo(new DecreeImportStore.Counts(601, 300, 300, 0, 1));
        assertThat(count(RegistrationStatus.ACTIVE)).isEqualTo(300);
        assertThat(count(RegistrationStatus.WAITLISTED)).isEqualTo(300);

        List<ReportRow> report = report(id);
        assertThat(report).extracting(ReportRow::line).isSorted().hasSize(601).startsWith(2).endsWith(602);
        assertThat(report.get(299).outcome()).isEqualTo("REJECTED");
        assertThat(report.get(299).reasons()).extracting(Refusal.FieldError::code).containsExactly("INVALID_FORMAT");
        // File order is the decree's order: the 300 places go to the first 300 readable lines.
        assertThat(report.get(298).status()).isEqualTo("ACTIVE");
        assertThat(report.get(300).status()).isEqualTo("ACTIVE");
        assertThat(report.get(301).status()).isEqualTo("WAITLISTED");
        assertThat(report).extracting(ReportRow::maskedNik).allSatisfy(n -> assertThat(n).doesNotMatch("\\d{16}"));
    }

    @Test
    void aChunkDeliveredTwice_andAnArrivalToldTwice_doubleNothing() {
        setUpProgramme(1000);
        String id = upload(lines(1, 300));
        imports.fileArrived(id);
        imports.fileArrived(id);
        assertThat(messages).as("the first chunk queued again for the second arrival, harmlessly").hasSize(2);

        imports.processChunk(id, messages.poll()[0]);
        imports.processChunk(id, 0);
        assertThat(deliverAll(id)).as("the first chunk twice more, the second once").isEqualTo(4);
        imports.processChunk(id, 1);
        imports.processChunk(id, 0);

        DecreeImport done = imports.get(programmeId, id);
        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(done.counts()).isEqualTo(new DecreeImportStore.Counts(300, 300, 0, 0, 0));
        assertThat(count(RegistrationStatus.ACTIVE)).isEqualTo(300);
        assertThat(report(id)).hasSize(300).extracting(ReportRow::outcome).containsOnly("ACCEPTED");
    }

    @Test
    void aChunkInterruptedHalfWay_isRunAgain_andNoLineIsWrittenOrCountedTwice() {
        setUpProgramme(1000);
        String id = upload(lines(1, 260));
        imports.fileArrived(id);
        // The third transaction of the first chunk fails as a crashed invocation would: two have committed (60 lines).
        AtomicInteger writes = new AtomicInteger();
        RegistrationStore real = services.registrations;
        RegistrationStore crashing = (RegistrationStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RegistrationStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("write") && writes.incrementAndGet() == 3) {
                        throw new IllegalStateException("the invocation died here");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        DecreeImports crashingImports = imports(crashing);
        int first = messages.peek()[0];
        assertThatThrownBy(() -> crashingImports.processChunk(id, first)).hasMessageContaining("died");
        assertThat(count(RegistrationStatus.ACTIVE)).isEqualTo(60);
        assertThat(imports.get(programmeId, id).chunksDone()).isZero();

        // SQS delivers the message again after its visibility timeout.
        assertThat(deliverAll(id)).isEqualTo(2);
        DecreeImport done = imports.get(programmeId, id);
        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(done.counts()).isEqualTo(new DecreeImportStore.Counts(260, 260, 0, 0, 0));
        assertThat(count(RegistrationStatus.ACTIVE)).isEqualTo(260);
        assertThat(report(id)).extracting(ReportRow::outcome).containsOnly("ACCEPTED");
    }

    @Test
    void aFileRefusedAsAWhole_failsTheImport_withTheReason() {
        setUpProgramme(10);
        String id = upload("not a decree list\n");
        imports.fileArrived(id);
        DecreeImport failed = imports.get(programmeId, id);
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.failure().errors()).extracting(Refusal.FieldError::code).containsExactly("MISSING_COLUMN");
        assertThat(messages).isEmpty();
    }

    @Test
    void aFileReplacedWhileItIsImported_stopsTheImport_withTheReason_beforeAnotherLineIsWritten() {
        setUpProgramme(1000);
        String id = upload(lines(1, 300));
        imports.fileArrived(id);
        imports.processChunk(id, messages.poll()[0]);
        files.put(id, lines(301, 600).getBytes(StandardCharsets.UTF_8));
        deliverAll(id);
        DecreeImport failed = imports.get(programmeId, id);
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.failure().errors()).extracting(Refusal.FieldError::code).containsExactly("FILE_CHANGED");
        assertThat(failed.counts().done()).isEqualTo(DecreeImports.CHUNK_ROWS);
        assertThat(count(RegistrationStatus.ACTIVE)).isEqualTo(DecreeImports.CHUNK_ROWS);
    }

    @Test
    void aFileTheSameLinesAsAnEarlierImport_reportsThemUnchanged() {
        setUpProgramme(10);
        String first = upload(lines(1, 5));
        imports.fileArrived(first);
        deliverAll(first);
        String second = upload(lines(1, 5));
        imports.fileArrived(second);
        deliverAll(second);
        assertThat(imports.get(programmeId, second).counts()).isEqualTo(new DecreeImportStore.Counts(5, 0, 0, 5, 0));
    }

    @Test
    void anUnknownOrMalformedId_isNotFound_withoutARead() {
        setUpProgramme(10);
        assertThatThrownBy(() -> imports.get(programmeId, "../../etc")).isInstanceOf(Refusal.NotFound.class);
        assertThatThrownBy(() -> imports.get(programmeId, "00000000-0000-4000-8000-000000000000")).isInstanceOf(Refusal.NotFound.class);
        String id = upload(lines(1, 2));
        assertThatThrownBy(() -> imports.get("another-programme", id)).isInstanceOf(Refusal.NotFound.class);
    }

    @Test
    void report_isOneCsvFile_whenTheImportCompletes_withThePagedReportsRows() {
        setUpProgramme(300);
        String id = upload(lines(1, 299) + "x\n" + lines(300, 600));
        imports.fileArrived(id);
        imports.processChunk(id, messages.poll()[0]);
        assertThat(reportFiles).as("no file while the import runs").isEmpty();
        deliverAll(id);

        assertThat(reportWrites).hasValue(1);
        assertThat(imports.get(programmeId, id).reportWritten()).isTrue();
        DecreeImports.ReportFile file = imports.reportFile(programmeId, id);
        assertThat(file.link()).isEmpty();
        assertThat(file.csv()).isEqualTo(ImportReportCsv.header()
                + ImportReportCsv.rows(report(id)));
        String[] csvLines = file.csv().split("\r\n");
        assertThat(csvLines).hasSize(602);
        assertThat(csvLines[0]).isEqualTo("line,nik,outcome,status,registrationId,reasons");
        assertThat(csvLines[300]).startsWith("301,").contains(",REJECTED,,,INVALID_FORMAT");
    }

    @Test
    void report_isWrittenOnce_whenTheCompletingChunkIsDeliveredAgain() {
        setUpProgramme(1000);
        String id = upload(lines(1, 300));
        imports.fileArrived(id);
        deliverAll(id);
        String written = reportFiles.get(id);
        imports.processChunk(id, 1);
        imports.processChunk(id, 1);
        imports.processChunk(id, 0);
        assertThat(reportWrites).hasValue(1);
        assertThat(reportFiles.get(id)).isEqualTo(written);
        assertThat(written.split("\r\n")).hasSize(301);
    }

    @Test
    void report_isWrittenByTheNextDelivery_whenTheCompletingInvocationStoppedBeforeItsFile() {
        setUpProgramme(1000);
        String id = upload(lines(1, 300));
        imports.fileArrived(id);
        imports.processChunk(id, messages.poll()[0]);
        // The last chunk is recorded, then the invocation dies before it writes the file.
        DecreeImportStore real = store;
        store = (DecreeImportStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DecreeImportStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("chunkRows")) {
                        throw new IllegalStateException("the invocation died here");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        DecreeImports dying = imports(services.registrations);
        store = real;
        int last = messages.poll()[0];
        assertThatThrownBy(() -> dying.processChunk(id, last)).hasMessageContaining("died");
        assertThat(imports.get(programmeId, id).status()).isEqualTo(Status.COMPLETED);
        assertThat(reportFiles).isEmpty();
        assertThatThrownBy(() -> imports.reportFile(programmeId, id)).isInstanceOf(Refusal.Conflict.class)
                .extracting(e -> ((Refusal) e).code()).isEqualTo("REPORT_NOT_READY");
        assertThat(messages).as("asking for the missing file queued the last chunk again").hasSize(1);
        assertThat(messages.poll()[0]).isEqualTo(last);

        imports.processChunk(id, last); // SQS delivers it again
        imports.processChunk(id, last);
        assertThat(reportWrites).hasValue(1);
        assertThat(imports.reportFile(programmeId, id).csv()).isEqualTo(ImportReportCsv.header()
                + ImportReportCsv.rows(report(id))).hasLineCount(301);
    }

    @Test
    void reportFile_isRefused_beforeTheImportCompletes_andForAFailedOrUnknownImport() {
        setUpProgramme(1000);
        String id = upload(lines(1, 300));
        assertThatThrownBy(() -> imports.reportFile(programmeId, id)).isInstanceOf(Refusal.Conflict.class)
                .extracting(e -> ((Refusal) e).code()).isEqualTo("IMPORT_NOT_COMPLETED");
        imports.fileArrived(id);
        imports.processChunk(id, messages.poll()[0]);
        assertThatThrownBy(() -> imports.reportFile(programmeId, id)).isInstanceOf(Refusal.Conflict.class)
                .hasMessageContaining("250 of 300");
        String failed = upload("not a decree list\n");
        imports.fileArrived(failed);
        assertThatThrownBy(() -> imports.reportFile(programmeId, failed)).isInstanceOf(Refusal.Conflict.class)
                .hasMessageContaining("failed");
        assertThatThrownBy(() -> imports.reportFile(programmeId, "00000000-0000-4000-8000-000000000000"))
                .isInstanceOf(Refusal.NotFound.class);
    }
}
