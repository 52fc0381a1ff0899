package id.dinsos.rentan.registration;

import id.dinsos.rentan.domain.Ids;
import id.dinsos.rentan.http.ImportReportCsv;
import id.dinsos.rentan.port.DecreeImportStore.ReportRow;
import id.dinsos.rentan.port.ImportFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The decree files of asynchronous imports on the local runner: a folder the runner writes each
 * upload into ({@code PUT /imports/{id}/file}, a route of the local runner only), which the import
 * then reads exactly as it reads S3 in AWS. A completed import's report file lies in the folder's
 * {@code reports/}, and is streamed rather than linked.
 */
public final class FolderImportFiles implements ImportFiles {
    private final Path folder;
    private final Supplier<String> uploadBase;

    /** @param uploadBase where the local runner listens, e.g. {@code http://127.0.0.1:3000} */
    public FolderImportFiles(Path folder, String uploadBase) {
        this(folder, () -> uploadBase);
    }

    /** With the runner's address read when an upload is asked for: the runner may learn its port after the handlers exist. */
    FolderImportFiles(Path folder, Supplier<String> uploadBase) {
        this.folder = folder;
        this.uploadBase = uploadBase;
    }

    /** Where the upload of an import lies; null for text that is not an import id. */
    public static Path fileOf(Path folder, String importId) {
        return Ids.isId(importId) ? folder.resolve(importId + ".csv") : null;
    }

    @Override
    public Upload uploadTarget(String importId, long sizeBytes, Duration validFor) {
        String base = uploadBase.get();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return new Upload(base + "/imports/" + importId + "/file", "PUT", Map.of("Content-Type", "text/csv"),
                Instant.now().plus(validFor));
    }

    @Override
    public Optional<byte[]> read(String importId, long maxBytes) {
        Path file = fileOf(folder, importId);
        try {
            if (file == null || !Files.isRegularFile(file) || Files.size(file) > maxBytes) {
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's version: its size and the time it was last written (the runner takes one upload per import). */
    private static String version(Path file) throws IOException {
        return Files.size(file) + ":" + Files.getLastModifiedTime(file).to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Override
    public Optional<Content> readVersioned(String importId, long maxBytes) {
        Path file = fileOf(folder, importId);
        try {
            if (file == null || !Files.isRegularFile(file) || Files.size(file) > maxBytes) {
                return Optional.empty();
            }
            String version = version(file);
            return Optional.of(new Content(Files.readAllBytes(file), version));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A seek: only the bytes asked for are read. */
    @Override
    public Optional<byte[]> readRange(String importId, String version, long from, long to) {
        Path file = fileOf(folder, importId);
        try {
            if (file == null || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            if (!version(file).equals(version)) {
                throw new Changed(importId);
            }
            byte[] bytes = new byte[Math.toIntExact(Math.max(0, to - from))];
            try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(file.toFile(), "r")) {
                in.seek(from);
                in.readFully(bytes);
            }
            return Optional.of(bytes);
        } catch (java.io.EOFException shorter) {
            throw new Changed(importId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the report file of an import lies; null for text that is not an import id. */
    static Path reportOf(Path folder, String importId) {
        return Ids.isId(importId) ? folder.resolve("reports").resolve(importId + ".csv") : null;
    }

    /** Written beside and then moved into place, so that a reader finds the whole file or none. */
    @Override
    public void writeReport(String importId, int chunks, IntFunction<List<ReportRow>> chunkRows) {
        Path file = reportOf(folder, importId);
        if (file == null) {
            throw new IllegalArgumentException("not an import id");
        }
        try {
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), importId, ".partial");
            try {
                try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                    out.write(ImportReportCsv.header());
                    for (int chunk = 0; chunk < chunks; chunk++) {
                        out.write(ImportReportCsv.rows(chunkRows.apply(chunk)));
                    }
                }
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("report file of import " + importId + " not written", e);
        }
    }

    @Override
    public Optional<Link> reportLink(String importId) {
        return Optional.empty();
    }

    @Override
    public boolean copyReport(String importId, OutputStream out) throws IOException {
        Path file = reportOf(folder, importId);
        if (file == null || !Files.isRegularFile(file)) {
            return false;
        }
        Files.copy(file, out);
        return true;
    }
}
