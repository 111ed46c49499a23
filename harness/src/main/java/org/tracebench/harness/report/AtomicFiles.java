package org.tracebench.harness.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Writes a file atomically: a temporary file in the same directory, then a rename over the target. */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** {@code lines}, each ended by '\n', in UTF-8. */
    public static void writeLines(Path target, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) sb.append(l).append('\n');
        write(target, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code target}, creating its parent directories first. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        replace(target, bytes);
    }

    /** {@code lines} as {@link #writeLines}, into a directory that must exist (never recreated). */
    public static void replaceLines(Path target, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) sb.append(l).append('\n');
        replace(target, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code target} into its directory, which must exist: a directory removed meanwhile is not recreated. */
    public static void replace(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                // createTempFile makes the file owner-only; results are meant to be shared and published.
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep its defaults
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
