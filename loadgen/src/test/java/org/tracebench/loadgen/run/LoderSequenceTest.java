package org.tracebench.loadgen.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.result.LoadResult;
import org.tracebench.loadgen.task.TaskFiles;

/** loder's sequence of operations: the order of a task's paths and repetitions. */
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
}
