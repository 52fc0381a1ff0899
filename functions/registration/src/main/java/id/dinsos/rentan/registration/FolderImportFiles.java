package id.dinsos.rentan.registration;

import id.dinsos.rentan.domain.Ids;
import id.dinsos.rentan.port.ImportFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The decree files of asynchronous imports on the local runner: a folder the runner writes each
 * upload into ({@code PUT /imports/{id}/file}, a route of the local runner only), which the import
 * then reads exactly as it reads S3 in AWS.
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
}
