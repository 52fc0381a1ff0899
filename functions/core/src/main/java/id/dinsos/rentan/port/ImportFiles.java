package id.dinsos.rentan.port;

import id.dinsos.rentan.port.DecreeImportStore.ReportRow;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Where the staff put a decree file for an asynchronous import: in AWS an S3 object the browser
 * uploads with a pre-signed URL; locally a folder the local runner writes the upload into. The
 * import's per-line report is written beside it as one CSV file once the import completes, and is
 * downloaded as the month's bill is ({@link BillFiles}): a short-lived link in AWS, streamed locally.
 */
public interface ImportFiles {

    /** How to upload: send {@code method} to {@code url} with exactly these headers, before {@code expiresAt}. */
    record Upload(String url, String method, Map<String, String> headers, Instant expiresAt) {
        public Upload {
            headers = Map.copyOf(headers);
        }
    }

    /** A short-lived upload of exactly {@code sizeBytes} bytes of text/csv for this import. */
    Upload uploadTarget(String importId, long sizeBytes, Duration validFor);

    /** The uploaded bytes, or empty when nothing was uploaded for this import (or it is larger than {@code maxBytes}). */
    Optional<byte[]> read(String importId, long maxBytes);

    /**
     * The uploaded bytes with the version of the object they are (S3's ETag), which {@link #readRange}
     * names; a null version where parts cannot be read (then every chunk reads the whole file).
     */
    record Content(byte[] bytes, String version) {
    }

    /** {@link #read}, with the version the bytes are. */
    default Optional<Content> readVersioned(String importId, long maxBytes) {
        return read(importId, maxBytes).map(bytes -> new Content(bytes, null));
    }

    /** The upload is no longer the version a read asked for: it was uploaded again. */
    final class Changed extends RuntimeException {
        public Changed(String importId) {
            super("the upload of import " + importId + " changed");
        }
    }

    /**
     * Bytes {@code from} (inclusive) to {@code to} (exclusive) of the upload, on condition that it is still
     * {@code version} ({@link Changed} otherwise); empty when it is gone. S3: a ranged GetObject with If-Match;
     * locally a seek.
     */
    default Optional<byte[]> readRange(String importId, String version, long from, long to) {
        throw new UnsupportedOperationException("no versions, no ranges");
    }

    /**
     * Writes the import's report as one CSV file ({@code id.dinsos.rentan.http.ImportReportCsv}), replacing any
     * earlier one: the header, then the rows of chunks {@code 0} to {@code chunks - 1} in that order, each
     * chunk's rows asked of {@code chunkRows} only when the file reaches them (one chunk held at a time).
     * Writing it again from the same chunks writes the same bytes.
     */
    void writeReport(String importId, int chunks, IntFunction<List<ReportRow>> chunkRows);

    /** A short-lived download link to a report file. */
    record Link(URI url, Instant expiresAt) {
    }

    /** A link to the import's report file; empty where files have no links (locally it is streamed). */
    Optional<Link> reportLink(String importId);

    /** Copies the import's report file to {@code out}; false (nothing copied) when it is not written. */
    boolean copyReport(String importId, OutputStream out) throws IOException;

    /** Whether a report file is downloaded through a link (S3) rather than streamed (the local runner). */
    default boolean givesLinks() {
        return false;
    }
}
