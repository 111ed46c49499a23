package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tracebench.loadgen.task.TaskFileTesting.joined;
import static org.tracebench.loadgen.task.TaskFileTesting.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A path one op needs as a directory and another as a file is warned about, as mkdir and stat on one path are. */
class PathTypesTest {
    @TempDir Path dir;

    private List<String> warnings(String name, String yaml) {
        Path f = write(dir, name, "workRoot: " + dir.resolve("root") + "\n" + yaml);
        TaskFiles.Validation v = TaskFiles.validate(f, null, List.of(), OptionalInt.empty());
        assertEquals(List.of(), v.problems(), yaml);
        return v.warnings();
    }

    @Test
    void aReadOfTheDirectoryAReaddirGetsIsWarnedAbout() {
        // the run made rd-0 a directory for the readdir, and every read failed with "Is a directory"
        List<String> w = warnings("r.yaml", "tasks:\n  - {op: readdir, path: \"rd-{worker}\"}\n"
                + "  - {op: read, path: \"rd-{worker}\"}\n");
        assertEquals(1, w.size(), joined(w));
        assertEquals(dir.resolve("r.yaml") + ":4:22: warning: `read` needs `rd-{worker}` to be a file, but the `readdir` at "
                + dir.resolve("r.yaml") + ":3:5 needs it to be a directory: one path cannot be both, so one of the two ops"
                + " would fail in every operation (EISDIR or ENOTDIR) and be counted as an error. Give `read` a path of"
                + " its own, e.g. `path: \"rd-{worker}-read\"`.", w.get(0));
        // either order, any op that opens a file, legacy files too
        for (String file : List.of("write", "direct-write", "fsync", "truncate", "direct-read", "hard-link")) {
            assertEquals(1, warnings("o.yaml", "tasks:\n  - {op: " + file + ", path: x}\n  - {op: readdir, path: x}\n")
                    .size(), file);
        }
        Path legacy = write(dir, "l.yaml", "- {kind: read, scale: 1, files: [a-%d]}\n- {kind: readdir, scale: 1, files: [a-%d]}\n");
        TaskFiles.Validation v = TaskFiles.validate(legacy, dir.resolve("root"), List.of(), OptionalInt.empty());
        assertTrue(joined(v.warnings()).contains(":2:37: warning: `readdir` needs `a-%d` to be a directory, but the"
                + " `read` at " + legacy + ":1:3 needs it to be a file"), joined(v.warnings()));
    }

    @Test
    void setupEntriesHandOversAndExistingPathsOfTheOtherTypeAreWarnedAbout() throws Exception {
        String setupDir = joined(warnings("s.yaml", "setup: [{path: \"d{worker}\", type: directory}]\n"
                + "tasks:\n  - {op: read, path: \"d{worker}\"}\n"));
        assertTrue(setupDir.contains("`read` needs `d{worker}` to be a file, but the setup entry at " + dir.resolve("s.yaml")
                + ":2:16 creates it as a directory, so every `read` would fail (EISDIR, Is a directory)"), setupDir);
        String setupFile = joined(warnings("f.yaml", "setup: [{path: f}]\ntasks:\n  - {op: readdir, path: f}\n"));
        assertTrue(setupFile.contains("so every `readdir` would fail (ENOTDIR, Not a directory)"), setupFile);
        String handedOver = joined(warnings("h.yaml", "tasks:\n  - {op: mkdir, path: \"d{worker}\"}\n"
                + "  - {op: hard-link, path: \"d{worker}\"}\n  - {op: remove, path: \"d{worker}\"}\n"));
        assertTrue(handedOver.contains("`hard-link` needs `d{worker}` to be a file, but the `mkdir` at "
                + dir.resolve("h.yaml") + ":3:5 makes it a directory and leaves it to a later task, so every `hard-link`"
                + " would fail (EPERM: a directory cannot be hard-linked)"), handedOver);
        Files.createDirectories(dir.resolve("root/there"));
        String existing = joined(warnings("e.yaml", "tasks:\n  - {op: write, path: there}\n"));
        assertTrue(existing.contains(dir.resolve("root/there") + " exists now as a directory, so every `write` would"
                + " fail (EISDIR, Is a directory)"), existing);
    }

    @Test
    void opsThatActOnEitherOrAgreeAreNotWarnedAbout() {
        for (String tasks : List.of("[{op: readdir, path: d}, {op: stat, path: d}, {op: chmod, path: d}, {op: open, path: d}]",
                "[{op: write, path: f}, {op: read, path: f}, {op: hard-link, path: f}, {op: remove, path: f-hard-link}]",
                "[{op: mkdir, path: d}, {op: readdir, path: d}, {op: remove, path: d}]",
                "[{op: mkdir, path: d}, {op: create-delete, path: d}]")) {
            Path f = write(dir, "ok.yaml", "workRoot: " + dir.resolve("root") + "\ntasks: " + tasks + "\n");
            TaskFiles.Validation v = TaskFiles.validate(f, null, List.of(), OptionalInt.empty());
            assertEquals(List.of(), v.warnings(), tasks);
        }
    }
}
