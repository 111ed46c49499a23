package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled loder example is a file loder itself sustains. loder (its root.go) ran the tasks in order with no undo
 * and ended a worker at the first failing call; this replays its calls on real files for a few iterations.
 */
class LoderExampleTest {
    @TempDir Path dir;

    @Test
    void theBundledExampleRunsInLoderWithoutAFailure() throws Exception {
        Path example = TaskFileTesting.repoRoot().resolve("tasks/legacy/loder-example.yaml");
        assertEquals(Files.readString(example), Files.readString(LegacyFormatTest.resource("/tasks/loder-legacy.yaml")),
                "the test copy is the bundled file");
        TaskFile tf = TaskFiles.load(example);
        for (int iteration = 0; iteration < 3; iteration++) {
            for (TaskSpec t : tf.tasks()) {
                for (int i = 0; i < t.repeat(); i++) {
                    for (String p : t.paths()) loderCall(t, p.startsWith("/") ? Path.of(p)
                            : dir.resolve(Placeholders.expand(p, 0, iteration)));
                }
            }
        }
    }

    /** What loder's apply did for one file; an exception is where loder printed "error on 0" and stopped. */
    private static void loderCall(TaskSpec t, Path p) throws IOException, InterruptedException {
        switch (t.op()) {
            case READ -> { if (Files.exists(p)) Files.newInputStream(p).close(); } // loder ignored a failed open
            case WRITE -> Files.write(p, new byte[4]);
            case CREATE_DELETE -> { Files.write(p, new byte[0]); Files.delete(p); }
            case CHMOD -> Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
            case CHOWN -> Files.setOwner(p, Files.getOwner(p));
            case MKDIR -> Files.createDirectory(p);
            case REMOVE -> Files.delete(p);
            case RENAME -> Files.move(p, Path.of(p + "-renamed"), StandardCopyOption.REPLACE_EXISTING);
            case HARD_LINK -> Files.createLink(Path.of(p + "-hard-link"), p);
            case SOFT_LINK -> Files.createSymbolicLink(Path.of(p + "-soft-link"), p);
            case EXECUTE_SUBPROC, EXECUTE_SUBTHREAD, FORK -> assertEquals(0, new ProcessBuilder(p.toString()).start()
                    .waitFor(), "exit status of " + p);
            default -> throw new AssertionError("loder had no `" + t.op().yamlName() + "`");
        }
    }
}
