package org.tracebench.loadgen.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.result.LoadResult;
import org.tracebench.loadgen.result.OpResult;
import org.tracebench.loadgen.task.TaskFiles;

/** loder's sequence of operations: the order of a task's paths and repetitions, and creation paired with removal. */
class LoderSequenceTest {
    @TempDir Path dir;

    LoadResult run(String yaml, boolean keep) throws Exception {
        Path f = Files.writeString(dir.resolve("t.yaml"), yaml);
        RunConfig c = new RunConfig(TaskFiles.load(f), 1, Duration.ofMillis(300), Duration.ofMillis(0),
                OptionalDouble.empty(), dir.resolve("root"), List.of(), keep, false, "VFORK");
        return EngineTest.run(c);
    }

    /** Two scripts that append their letter to one log: the log is the order the worker ran them in. */
    private String[] scripts() throws Exception {
        Path log = dir.resolve("log");
        String[] s = new String[2];
        for (int i = 0; i < 2; i++) {
            Path p = dir.resolve("ab".charAt(i) + ".sh");
            Files.writeString(p, "#!/bin/sh\nprintf " + "ab".charAt(i) + " >> '" + log + "'\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            s[i] = p.toString();
        }
        return s;
    }

    /** loder runs `for i in 1..scale { for file in files }`; before 2026-12-07 the worker ran a, a, b, b. */
    @Test void repetitionsAreOuterAndPathsInnerInBothFormats() throws Exception {
        String[] s = scripts();
        for (String yaml : List.of("- {kind: execute-subproc, scale: 2, files: [" + s[0] + ", " + s[1] + "]}\n",
                "tasks:\n  - {op: execute-subproc, repeat: 2, paths: [\"" + s[0] + "\", \"" + s[1] + "\"]}\n")) {
            Files.deleteIfExists(dir.resolve("log"));
            LoadResult r = run(yaml, false);
            assertTrue(r.iterations().count() > 0, yaml);
            String log = Files.readString(dir.resolve("log"));
            assertTrue(log.contains("abab"), log);
            assertFalse(log.contains("aa") || log.contains("bb"), "one path twice in a row: " + log);
        }
    }

    /** Each pair ran in loder with 0 errors; before 2026-12-07 the remove failed every time or was refused. */
    @Test void lodersPairsOfCreationAndRemovalRunWithoutErrorsAndLeaveNothing() throws Exception {
        for (String yaml : List.of("- {kind: mkdir, scale: 1, files: [d-%d]}\n- {kind: remove, scale: 1, files: [d-%d]}\n",
                "- {kind: write, scale: 1, files: [l-%d.txt]}\n- {kind: hard-link, scale: 1, files: [l-%d.txt]}\n"
                        + "- {kind: remove, scale: 1, files: [l-%d.txt-hard-link]}\n"
                        + "- {kind: soft-link, scale: 1, files: [l-%d.txt]}\n"
                        + "- {kind: remove, scale: 1, files: [l-%d.txt-soft-link]}\n",
                "- {kind: write, scale: 1, files: [c-%d.txt]}\n- {kind: create-delete, scale: 1, files: [c-%d.txt]}\n",
                "- {kind: mkdir, scale: 2, files: [e-%d]}\n- {kind: rename, scale: 1, files: [e-%d]}\n")) {
            LoadResult r = run(yaml, false);
            assertTrue(r.iterations().count() > 0, yaml);
            assertEquals(0, r.iterations().failed(), yaml + r.ops());
            for (var e : r.ops().entrySet()) {
                OpResult o = e.getValue();
                assertTrue(o.count() > 0, e.getKey() + " in " + yaml);
                assertEquals(0, o.errors(), e.getKey() + " in " + yaml + o.errorSamples());
                assertEquals(0, o.restoreErrors(), e.getKey() + " in " + yaml);
            }
            assertFalse(Files.exists(dir.resolve("root")), "cleanup removed the work root it made");
        }
    }

    @Test void whatAPairLeavesBetweenIterationsIsRemovedAtTheEndUnlessKept() throws Exception {
        String yaml = "- {kind: mkdir, scale: 1, files: [d-%d]}\n- {kind: rename, scale: 1, files: [d-%d]}\n";
        Files.createDirectories(dir.resolve("root"));
        Files.writeString(dir.resolve("root/user.txt"), "mine");
        LoadResult r = run(yaml, false);
        assertEquals(0, r.ops().get(OpKind.RENAME).errors());
        try (Stream<Path> s = Files.list(dir.resolve("root"))) {
            assertEquals(List.of(dir.resolve("root/user.txt")), s.toList());
        }
        assertEquals("mine", Files.readString(dir.resolve("root/user.txt")));
        run(yaml, true);
        assertTrue(Files.isDirectory(dir.resolve("root/d-0-renamed")), "the rename leaves its result, as loder's");
    }
}
