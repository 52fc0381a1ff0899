package id.dinsos.rentan.registration;

import id.dinsos.rentan.port.DecreeImportStore.ReportRow;
import id.dinsos.rentan.port.ImportFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Import files that count the bytes read from uploads (whole and in ranges); with {@code versions}
 * false, files without versions, which makes every chunk read the whole file as before ranged reads.
 */
final class MeteredImportFiles implements ImportFiles {
    private final ImportFiles files;
    private final boolean versions;
    final AtomicLong wholeBytes = new AtomicLong();
    final AtomicLong rangeBytes = new AtomicLong();
    final AtomicLong reads = new AtomicLong();

    MeteredImportFiles(ImportFiles files, boolean versions) {
        this.files = files;
        this.versions = versions;
    }

    @Override
    public Upload uploadTarget(String importId, long sizeBytes, Duration validFor) {
        return files.uploadTarget(importId, sizeBytes, validFor);
    }

    @Override
    public Optional<byte[]> read(String importId, long maxBytes) {
        Optional<byte[]> read = files.read(importId, maxBytes);
        read.ifPresent(b -> wholeBytes.addAndGet(b.length));
        reads.incrementAndGet();
        return read;
    }

    @Override
    public Optional<Content> readVersioned(String importId, long maxBytes) {
        if (!versions) {
            return ImportFiles.super.readVersioned(importId, maxBytes);
        }
        Optional<Content> read = files.readVersioned(importId, maxBytes);
        read.ifPresent(c -> wholeBytes.addAndGet(c.bytes().length));
        reads.incrementAndGet();
        return read;
    }

    @Override
    public Optional<byte[]> readRange(String importId, String version, long from, long to) {
        Optional<byte[]> read = files.readRange(importId, version, from, to);
        read.ifPresent(b -> rangeBytes.addAndGet(b.length));
        reads.incrementAndGet();
        return read;
    }

    @Override
    public void writeReport(String importId, int chunks, IntFunction<List<ReportRow>> chunkRows) {
        files.writeReport(importId, chunks, chunkRows);
    }

    @Override
    public Optional<Link> reportLink(String importId) {
        return files.reportLink(importId);
    }

    @Override
    public boolean copyReport(String importId, OutputStream out) throws IOException {
        return files.copyReport(importId, out);
    }

    @Override
    public boolean givesLinks() {
        return files.givesLinks();
    }
}
