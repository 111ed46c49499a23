package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tracebench.loadgen.task.TaskFileTesting.joined;
import static org.tracebench.loadgen.task.TaskFileTesting.problems;
import static org.tracebench.loadgen.task.TaskFileTesting.write;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NUL characters in paths, modes above 0777, paths that create-delete and mkdir never leave, legacy braces. */
class PathAndModeTest {
    @TempDir Path dir;

    private String at(String lineCol) {
        return dir.resolve("t.yaml") + ":" + lineCol + ": ";
    }

    private String all(String yaml) {
        return joined(problems(write(dir, "t.yaml", yaml)));
    }

    @Test
    void aNulCharacterInAnyPathIsALocatedErrorNotACrash() {
        String all = all("""
                workRoot: "w\\0r"
                setup:
                  - {path: "s\\0"}
                tasks:
                  - {op: read, path: "a\\0b"}
                  - {op: stat, paths: [ok, "c\\0"]}
                  - {op: execute-subproc, path: "/bin/tr\\0ue"}
                  - {op: execute-subproc, path: true, args: ["x\\0y"]}
                """);
        assertTrue(all.contains(at("1:11") + "`workRoot` holds a NUL character"), all);
        assertTrue(all.contains(at("3:12") + "`path` holds a NUL character"), all);
        assertTrue(all.contains(at("5:22") + "`path` holds a NUL character (\\0, at position 2 of `a?b`)"), all);
        assertTrue(all.contains(at("6:28") + "`paths entry` holds a NUL character"), all);
        assertTrue(all.contains(at("7:33") + "`path` holds a NUL character"), all);
        assertTrue(all.contains(at("8:46") + "`args` holds a NUL character"), all);
        assertEquals(6, all.lines().count(), all);
        // validate (parse and safety checks together) reports them too, without an exception
        TaskFiles.Validation v = TaskFiles.validate(dir.resolve("t.yaml"), dir, List.of(), OptionalInt.empty());
        assertFalse(v.ok());
        String legacy = joined(problems(write(dir, "l.yaml", "- {kind: write, scale: 1, files: [\"a\\0\"]}\n")));
        assertTrue(legacy.contains("l.yaml:1:35: `files entry` holds a NUL character"), legacy);
    }

    @Test
    void setuidSetgidAndStickyBitsAreRefusedWhereTheJdkWouldDropThem() {
        String all = all("""
                setup:
                  - {path: d, type: directory, mode: "1777"}
                tasks:
                  - {op: chmod, path: a, mode: "04755"}
                  - {op: mkdir, path: b, mode: 2755}
                  - {op: create-delete, path: c, mode: "0o0777"}
                  - {op: chmod, path: e, mode: 800}
                """);
        assertTrue(all.contains(at("2:38") + "`mode` 1777 sets the setuid, setgid or sticky bit"), all);
        assertTrue(all.contains(at("4:32") + "`mode` 04755 sets the setuid"), all);
        assertTrue(all.contains(at("5:32") + "`mode` 2755 sets the setuid"), all);
        assertTrue(all.contains(at("7:32") + "`mode` must be permission bits in octal"), all);
        assertEquals(4, all.lines().count(), "0o0777 is fine: " + all);
    }

    @Test
    void anOpOnAPathOnlyCreateDeleteOrMkdirMakesIsWarnedAbout() throws Exception {
        Path f = write(dir, "t.yaml", """
                tasks:
                  - {op: stat, path: c}
                  - {op: create-delete, path: c}
                  - {op: mkdir, path: d}
                  - {op: readdir, path: d}
                  - {op: write, path: w}
                  - {op: create-delete, path: w}
                  - {op: stat, path: w}
                """);
        List<String> w = TaskFiles.load(f).warnings();
        String all = joined(w);
        assertTrue(all.contains(at("2:22") + "warning: `stat` acts on `c`, which only the `create-delete` at "
                + at("3:5").replace(": ", "") + " creates, and that op removes it again"), all);
        assertTrue(all.contains("setup: [{path: \"c-stat\"}]` and `path: \"c-stat\"`"), all);
        assertTrue(all.contains(at("5:25") + "warning: `readdir` acts on `d`, which only the `mkdir`"), all);
        assertTrue(all.contains("setup: [{path: \"d-readdir\", type: directory}]"), all);
        assertEquals(2, w.size(), "a path a write leaves in place is fine: " + all);
    }

    @Test
    void theSuggestedFixOfAnUndonePathParsesAsWrittenInEitherFormat() throws Exception {
        // the v2 snippet was unquoted flow YAML (`{path: dir-{worker}-remove}` does not parse); legacy files got keys
        // (`setup`, `path`) their format does not have
        // (a stat: a remove after the mkdir takes the directory over, loder's pair, and is not warned about)
        Path f = write(dir, "t.yaml", "workers: 2\ntasks:\n  - {op: mkdir, path: \"d-{worker}\"}\n"
                + "  - {op: stat, path: \"d-{worker}\"}\n");
        String warning = joined(TaskFiles.load(f).warnings());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`(setup: \\[.*?])` and `(path: .*?)`").matcher(warning);
        assertTrue(m.find(), warning);
        Path fixed = write(dir, "fixed.yaml", "workers: 2\n" + m.group(1) + "\ntasks:\n  - {op: mkdir, path: \"d-{worker}\"}\n"
                + "  - {op: stat, " + m.group(2) + "}\n");
        TaskFiles.Validation v = TaskFiles.validate(fixed, dir.resolve("root"), List.of(), java.util.OptionalInt.empty());
        assertTrue(v.ok() && v.warnings().isEmpty(), joined(v.problems()) + joined(v.warnings()));
        Path legacy = write(dir, "l.yaml", "- {kind: create-delete, scale: 1, files: [t-%d]}\n- {kind: stat, scale: 1, files: [t-%d]}\n");
        String lw = joined(TaskFiles.load(legacy).warnings());
        assertTrue(lw.contains("Give `stat` a path of its own, e.g. `files: [t-%d-stat]`, which the load generator"
                + " creates before the run."), lw);
        assertTrue(!lw.contains("setup:") && !lw.contains("path:"), lw);
    }

    @Test
    void legacyPathsTakeBracesLiterally() throws Exception {
        Path f = write(dir, "l.yaml", """
                - kind: stat
                  scale: 1
                  files: ["a-{workers}-%d", "b-{iteration}"]
                """);
        TaskFile tf = TaskFiles.load(f); // no "not a placeholder" error, no per-iteration warning
        assertTrue(tf.warnings().isEmpty(), tf.warnings().toString());
        assertEquals("a-{worker}-3", Placeholders.expandLegacy("a-{worker}-%d", 3));
    }

    @Test
    void legacyLiteralBracesCannotLeadOutOfTheWorkRootThroughASymlink() throws Exception {
        Path root = java.nio.file.Files.createDirectories(dir.resolve("root"));
        Path outside = java.nio.file.Files.createDirectories(dir.resolve("outside"));
        java.nio.file.Files.createSymbolicLink(root.resolve("{worker}"), outside);
        Path f = write(dir, "l.yaml", "- {kind: write, scale: 1, files: [\"{worker}/f\"]}\n");
        TaskFile tf = TaskFiles.load(f);
        String all = joined(org.junit.jupiter.api.Assertions.assertThrows(TaskFileException.class,
                () -> TaskFiles.checkSafety(tf, root, List.of())).problems());
        assertTrue(all.contains("l.yaml:1:35: The `write` path `{worker}/f` (braces are literal in a legacy file) "
                + "resolves to " + outside.resolve("f")), all);
    }
}
