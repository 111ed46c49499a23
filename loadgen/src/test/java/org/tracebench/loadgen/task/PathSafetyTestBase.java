package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tracebench.loadgen.task.TaskFileTesting.joined;
import static org.tracebench.loadgen.task.TaskFileTesting.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What the path-safety tests share: a work root, a directory outside it, and the check on a task file's text. */
abstract class PathSafetyTestBase {
    @TempDir Path dir;
    Path root;
    Path outside;

    @BeforeEach
    void dirs() throws Exception {
        root = Files.createDirectories(dir.resolve("root"));
        outside = Files.createDirectories(dir.resolve("outside"));
    }

    /** The problems the check reports for {@code yaml} with {@code allowed} directories, one per line. */
    String refused(String yaml, List<Path> allowed) throws Exception {
        TaskFile tf = TaskFiles.load(write(dir, "t.yaml", yaml));
        return joined(assertThrows(TaskFileException.class, () -> TaskFiles.checkSafety(tf, root, allowed)).problems());
    }

    String refused(String yaml) throws Exception {
        return refused(yaml, List.of());
    }

    void accepted(String yaml, List<Path> allowed) throws Exception {
        TaskFile tf = TaskFiles.load(write(dir, "t.yaml", yaml));
        assertDoesNotThrow(() -> TaskFiles.checkSafety(tf, root, allowed));
    }

    void accepted(String yaml) throws Exception {
        accepted(yaml, List.of());
    }
}
