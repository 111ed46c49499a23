package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Helpers for task-file tests: real files on disk, problems as the user sees them. */
final class TaskFileTesting {
    private TaskFileTesting() {}

    static Path write(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a file that must be refused and returns its problems. */
    static List<String> problems(Path file) {
        return assertThrows(TaskFileException.class, () -> TaskFiles.load(file)).problems();
    }

    static String joined(List<String> problems) {
        return String.join("\n", problems);
    }

    /** The repository root (the directory holding tasks/schema), found from the module directory upwards. */
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("tasks/schema"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("tasks/schema not found above " + Path.of("").toAbsolutePath());
        return p;
    }
}
