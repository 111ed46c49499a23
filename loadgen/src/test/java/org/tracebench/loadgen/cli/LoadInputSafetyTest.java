package org.tracebench.loadgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.tracebench.loadgen.run.Engine;
import org.tracebench.loadgen.run.RunConfig;
import org.tracebench.loadgen.task.TaskFiles;

/** {@code tracebench load} refuses, with exit 2 and nothing touched, input that would lose the user's files. */
class LoadInputSafetyTest extends LoadCliTestBase {
    Path task() throws Exception {
        return Files.writeString(dir.resolve("t.yaml"), "tasks:\n  - {op: write, path: \"w-{iteration}\"}\n");
    }

    @Test void aBusyWorkRootExitsTwoAndKeepsEveryFileInIt() throws Exception {
        Path mine = Files.writeString(root.resolve("mine.txt"), "the user's");
        Path f = task();
        Engine other = new Engine(RunConfig.resolve(TaskFiles.load(f), 1, Duration.ofMillis(50), Duration.ZERO, null,
                root, List.of(), false, false, "POSIX_SPAWN"));
        other.prepare(); // holds the work root's lock, as another load process would
        Path others = Files.writeString(root.resolve("the-other-runs-file"), "x");
        try {
            assertEquals(2, load(f.toString(), "--work-root", root.toString(), "--duration", "100ms", "--warmup", "0s"));
            String e = err.toString();
            assertTrue(e.contains("Another load run is using the work root " + root + "; wait for it to end or give"
                    + " this one a different --work-root."), e);
            assertFalse(e.contains(".."), e);
            assertEquals("the user's", Files.readString(mine));
            assertTrue(Files.exists(others));
        } finally {
            other.stop();
            other.run();
            other.cleanup();
        }
        assertTrue(Files.exists(mine));
    }

    @Test void aJsonPathTheRunWouldLoseOrThatWouldDestroySomethingIsRefusedBeforeTheRun() throws Exception {
        Path f = task();
        String yaml = Files.readString(f);
        String[] run = {f.toString(), "--work-root", root.toString(), "--duration", "100ms", "--warmup", "0s", "--json"};
        assertEquals(2, load(concat(run, root.resolve("sub/r.json").toString())));
        assertTrue(err.toString().contains("--json " + root.resolve("sub/r.json") + " lies in the work root " + root
                + ", whose new files the run removes at the end"), err.toString());
        assertEquals(2, load(concat(run, f.toString())));
        assertTrue(err.toString().contains("--json " + f + " would overwrite the task file"), err.toString());
        assertEquals(yaml, Files.readString(f));
        Path d = Files.createDirectories(dir.resolve("adir"));
        assertEquals(2, load(concat(run, d.toString())));
        assertTrue(err.toString().contains("--json " + d + " is a directory; give the path of a file to write."), err.toString());
        Path plain = Files.writeString(dir.resolve("plain"), "x");
        assertEquals(2, load(concat(run, plain.resolve("r.json").toString())));
        assertTrue(err.toString().contains("lies under " + plain + ", which is a file"), err.toString());
        assertEquals("", out.toString(), "nothing ran");
        try (var s = Files.list(root)) {
            assertEquals(List.of(), s.toList());
        }
        assertFalse(Files.exists(dir.resolve("adir.hlog")));
        assertEquals(0, load(concat(run, root.resolve("kept.json").toString(), "--keep")), err.toString());
        assertTrue(Files.exists(root.resolve("kept.json")), "with --keep the work root is not cleaned");
    }

    static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
