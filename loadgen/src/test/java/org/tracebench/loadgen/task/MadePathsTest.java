package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tracebench.loadgen.task.TaskFileTesting.joined;
import static org.tracebench.loadgen.task.TaskFileTesting.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths the run makes before its first operation against the paths its ops create (each would fail every time). */
class MadePathsTest {
    @TempDir Path dir;

    private List<String> problems(String name, String text, int workers) {
        Path f = write(dir, name, text);
        return TaskFiles.validate(f, dir.resolve("root"), List.of(), OptionalInt.of(workers)).problems();
    }

    @Test
    void aMkdirOfAParentDirectoryTheRunMakesForAnotherPathIsRefused() throws Exception {
        List<String> legacy = problems("l4.yaml", "- {kind: mkdir, scale: 2, files: [d-%d]}\n"
                + "- {kind: write, scale: 1, files: [d-%d/f]}\n", 3);
        assertEquals(1, legacy.size(), joined(legacy));
        assertTrue(legacy.get(0).contains(":1:35: `mkdir` creates `d-0` (`d-%d` for worker 0), which the load generator"
                + " creates before the run as a parent directory of `d-%d/f` (the `write` at "), legacy.get(0));
        assertTrue(legacy.get(0).contains("so every operation would fail with EEXIST"), legacy.get(0));
        List<String> v2 = problems("v4.yaml", "tasks:\n  - {op: write, path: \"d-{worker}/f\"}\n"
                + "  - {op: mkdir, path: \"d-{worker}\"}\n", 2);
        assertEquals(1, v2.size(), joined(v2));
        Path f = dir.resolve("v4.yaml");
        TaskFile tf = TaskFiles.load(f);
        assertThrows(TaskFileException.class, () -> TaskFiles.checkSafety(tf, dir.resolve("root"), List.of(), 2));
        assertTrue(Files.notExists(dir.resolve("root")), "nothing is created");
        // a parent of a per-iteration name is made per iteration by the write, not before the run: fine
        assertEquals(List.of(), problems("it.yaml", "tasks:\n  - {op: mkdir, path: \"e-{worker}\"}\n"
                + "  - {op: write, path: \"e-{worker}-{iteration}/f\"}\n", 2));
    }

    @Test
    void anOpOnAPathARenameOrLinkCreatesWithinItsOperationIsRefused() {
        // the stat's implicit 64 KiB target used to be created on a-0-soft-link: every soft-link failed with EEXIST
        List<String> p = problems("l6.yaml", "- {kind: soft-link, scale: 1, files: [a-%d]}\n"
                + "- {kind: stat, scale: 1, files: [a-%d-soft-link]}\n", 2);
        assertEquals(1, p.size(), joined(p));
        assertTrue(p.get(0).contains(":2:34: `stat` acts on `a-0-soft-link` (`a-%d-soft-link` for worker 0), the path"
                + " the `soft-link` at "), p.get(0));
        assertTrue(p.get(0).contains("creates and removes again within each of its operations"), p.get(0));
    }

    @Test
    void anOpCreatingWhatAWriteLeavesInPlaceIsRefusedButWriteRenameLinkRemoveIsFine() {
        List<String> v3 = problems("v3.yaml", "tasks:\n  - {op: write, path: \"f-{worker}\"}\n"
                + "  - {op: create-delete, path: \"f-{worker}\"}\n  - {op: write, path: h}\n  - {op: mkdir, path: h}\n"
                + "  - {op: write, path: g-renamed}\n  - {op: rename, path: g}\n"
                + "  - {op: truncate, path: k-hard-link}\n  - {op: hard-link, path: k}\n", 1);
        String all = joined(v3);
        assertEquals(2, v3.size(), all);
        assertTrue(!all.contains("`create-delete`"), "create-delete truncates and deletes what the write made, as loder's"
                + " os.Create: " + all);
        assertTrue(all.contains(":5:23: `mkdir` creates `h`, which the `write` at "), all);
        assertTrue(all.contains(" creates and leaves in place, so every operation would fail with EEXIST."), all);
        assertTrue(!all.contains("`rename`"), "a rename onto what a write makes succeeds (the run's own file): " + all);
        assertTrue(all.contains(":9:27: `hard-link` creates `k-hard-link`, which the `truncate` at "), all);
        // the auditor's l1: one path written, renamed, linked and removed by three workers ran with 0 errors
        assertEquals(List.of(), problems("l1.yaml", "- {kind: write, scale: 3, files: [f-%d.txt]}\n"
                + "- {kind: rename, scale: 3, files: [f-%d.txt]}\n- {kind: hard-link, scale: 2, files: [f-%d.txt]}\n"
                + "- {kind: soft-link, scale: 2, files: [f-%d.txt]}\n- {kind: remove, scale: 2, files: [f-%d.txt]}\n", 3));
        // a per-iteration name made by a later op of the same iteration does not exist yet
        assertEquals(List.of(), problems("later.yaml", "tasks:\n  - {op: create-delete, path: \"n-{worker}-{iteration}\"}\n"
                + "  - {op: write, path: \"n-{worker}-{iteration}\"}\n", 2));
        assertEquals(List.of(), problems("earlier.yaml", "tasks:\n  - {op: write, path: \"n-{worker}-{iteration}\"}\n"
                + "  - {op: create-delete, path: \"n-{worker}-{iteration}\"}\n", 2));
    }

    /** loder users paired creation with removal; before 2026-12-07 these were refused or warned about. */
    @Test
    void loderPairsOfCreationAndRemovalAreAcceptedWithoutWarnings() {
        for (String text : List.of("- {kind: mkdir, scale: 1, files: [d-%d]}\n- {kind: remove, scale: 1, files: [d-%d]}\n",
                "- {kind: write, scale: 1, files: [l-%d.txt]}\n- {kind: hard-link, scale: 1, files: [l-%d.txt]}\n"
                        + "- {kind: remove, scale: 1, files: [l-%d.txt-hard-link]}\n"
                        + "- {kind: soft-link, scale: 1, files: [l-%d.txt]}\n"
                        + "- {kind: stat, scale: 1, files: [l-%d.txt-soft-link]}\n"
                        + "- {kind: remove, scale: 1, files: [l-%d.txt-soft-link]}\n",
                "- {kind: write, scale: 1, files: [c-%d.txt]}\n- {kind: create-delete, scale: 1, files: [c-%d.txt]}\n",
                "tasks:\n  - {op: mkdir, path: \"d-{worker}\"}\n  - {op: rename, path: \"d-{worker}\"}\n")) {
            Path f = write(dir, "pair.yaml", text);
            TaskFiles.Validation v = TaskFiles.validate(f, dir.resolve("root"), List.of(), OptionalInt.of(2));
            assertEquals(List.of(), v.problems(), text);
            assertEquals(List.of(), v.warnings(), text);
        }
    }

    @Test
    void pairsThatWouldStillFailEveryTimeAreRefused() throws Exception {
        // only the first of two removes finds what the mkdir made
        List<String> twice = problems("t.yaml", "- {kind: mkdir, scale: 1, files: [d-%d]}\n"
                + "- {kind: remove, scale: 2, files: [d-%d]}\n", 1);
        assertEquals(1, twice.size(), joined(twice));
        assertTrue(twice.get(0).contains(":2:36: `remove` runs 2 times on `d-%d` per iteration, but only its first"
                + " operation finds it"), twice.get(0));
        // a rename of a hard link onto another link of the same file does nothing: not a pair, refused as before
        List<String> hr = problems("hr.yaml", "- {kind: hard-link, scale: 1, files: [h-%d]}\n"
                + "- {kind: rename, scale: 1, files: [h-%d-hard-link]}\n", 1);
        assertEquals(1, hr.size(), joined(hr));
        assertTrue(hr.get(0).contains("`rename` acts on `h-0-hard-link`"), hr.get(0));
        // a remove before the mkdir finds nothing: still warned about
        Path f = write(dir, "rm.yaml", "- {kind: remove, scale: 1, files: [d-%d]}\n- {kind: mkdir, scale: 1, files: [d-%d]}\n");
        assertEquals(1, TaskFiles.validate(f, dir.resolve("root"), List.of(), OptionalInt.of(1)).warnings().size());
        // create-delete would truncate and delete a setup file or one there before the run
        List<String> s = problems("s.yaml", "setup:\n  - {path: c}\ntasks:\n  - {op: create-delete, path: c}\n", 1);
        assertEquals(1, s.size(), joined(s));
        assertTrue(s.get(0).contains("so its first operation would truncate and delete that file"), s.get(0));
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("mine"), "user data");
        List<String> e = problems("e.yaml", "- {kind: write, scale: 1, files: [mine]}\n"
                + "- {kind: create-delete, scale: 1, files: [mine]}\n", 1);
        assertEquals(1, e.size(), joined(e));
        assertTrue(e.get(0).contains("which exists already (a file): it would truncate and delete it"), e.get(0));
        assertEquals("user data", Files.readString(root.resolve("mine")));
    }

    @Test
    void setupEntriesAreComparedPerWorker() {
        List<String> v1 = problems("v1.yaml", "setup:\n  - {path: x-1, type: directory}\ntasks:\n"
                + "  - {op: mkdir, path: \"x-{worker}\"}\n", 2);
        assertEquals(1, v1.size(), joined(v1));
        assertTrue(v1.get(0).contains(":4:23: `mkdir` creates `x-1` (`x-{worker}` for worker 1), which the setup entry"
                + " at "), v1.get(0));
        assertEquals(List.of(), problems("v1.yaml", "setup:\n  - {path: x-1, type: directory}\ntasks:\n"
                + "  - {op: mkdir, path: \"x-{worker}\"}\n", 1), "worker 1 does not exist");
        List<String> w3 = problems("w3.yaml", "setup:\n  - {path: s-2, type: directory}\ntasks:\n"
                + "  - {op: mkdir, path: \"s-{worker}\"}\n", 3);
        assertEquals(1, w3.size(), joined(w3));
        List<String> v7 = problems("v7.yaml", "setup:\n  - {path: \"s-{worker}\", size: 4KiB}\n  - {path: s-0, size: 8KiB}\n"
                + "tasks:\n  - {op: read, path: \"s-{worker}\"}\n", 2);
        assertEquals(1, v7.size(), joined(v7));
        assertTrue(v7.get(0).contains(":3:12: The setup path `s-0` is also created by the setup entry at "), v7.get(0));
        assertTrue(v7.get(0).contains("the later entry would overwrite it"), v7.get(0));
    }

    @Test
    void setupEntriesThatCannotBeCreatedAreRefused() throws Exception {
        List<String> v2 = problems("v2.yaml", "setup:\n  - {path: a, size: 1KiB}\n  - {path: a/b, size: 1KiB}\n"
                + "tasks:\n  - {op: stat, path: a}\n", 1);
        assertEquals(1, v2.size(), joined(v2));
        assertTrue(v2.get(0).contains(":3:12: The setup path `a/b` lies under `a`, which the setup entry at "), v2.get(0));
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("dd"), "a file");
        Files.createDirectory(root.resolve("ff"));
        Files.writeString(root.resolve("pf"), "a file");
        List<String> e1 = problems("e1.yaml", "setup:\n  - {path: dd, type: directory}\n  - {path: ff}\n  - {path: pf/x}\n"
                + "tasks:\n  - {op: readdir, path: dd}\n", 1);
        String all = joined(e1);
        assertEquals(3, e1.size(), all);
        assertTrue(all.contains(":2:12: The setup entry `dd` is a directory, but " + root.resolve("dd")
                + " exists as a file, so creating it would fail."), all);
        assertTrue(all.contains(":3:12: The setup entry `ff` is a file, but " + root.resolve("ff") + " exists as a"
                + " directory"), all);
        assertTrue(all.contains(":4:12: The setup path `pf/x` lies under " + root.resolve("pf") + ", an existing file"), all);
        assertEquals("a file", Files.readString(root.resolve("dd")));
        List<String> under = problems("u.yaml", "setup:\n  - {path: s}\ntasks:\n  - {op: write, path: s/x}\n"
                + "  - {op: write, path: pf/y}\n", 1);
        String u = joined(under);
        assertEquals(2, under.size(), u);
        assertTrue(u.contains(":4:5: The `write` path `s/x` lies under `s`, which the setup entry at "), u);
        assertTrue(u.contains(":5:5: The `write` path `pf/y` lies under `pf`, which exists as a file, so its parent"
                + " directory cannot be created."), u);
    }

    /** A dangling symbolic link is called what it is, not "a file". */
    @Test
    void aDanglingLinkInTheWayIsCalledALink() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("dang"), root.resolve("nowhere"));
        Files.createSymbolicLink(root.resolve("dang2"), root.resolve("nowhere2"));
        String write = joined(problems("w.yaml", "tasks:\n  - {op: write, path: dang/f}\n", 1));
        assertTrue(write.contains(":2:5: The `write` path `dang/f` lies under `dang`, which is a symbolic link whose target "
                + root.resolve("nowhere") + " does not exist, so its parent directory cannot be created."), write);
        String all = joined(problems("d.yaml", "setup:\n  - {path: dang2/x}\n  - {path: dang, type: directory}\n"
                + "tasks:\n  - {op: stat, path: dang}\n", 1));
        assertTrue(all.contains(":2:12: The setup path `dang2/x` lies under " + root.resolve("dang2") + ", a symbolic"
                + " link whose target " + root.resolve("nowhere2") + " does not exist, so creating it would fail."), all);
        assertTrue(all.contains(":3:12: The setup entry `dang` is a directory, but " + root.resolve("dang") + " is a"
                + " symbolic link whose target " + root.resolve("nowhere") + " does not exist, so creating it would fail."), all);
        assertTrue(!all.contains("file, so") && !write.contains("file, so"), all + write);
    }

    @Test
    void opsThatFailWhenWorkersShareTheirPathAreRefusedWithSeveralWorkers() {
        String l5 = "- {kind: rename, scale: 2, files: [shared.txt]}\n- {kind: remove, scale: 1, files: [shared2.txt]}\n"
                + "- {kind: hard-link, scale: 1, files: [shared3.txt]}\n- {kind: write, scale: 1, files: [w.txt]}\n"
                + "- {kind: chmod, scale: 1, files: [w.txt]}\n";
        List<String> p = problems("l5.yaml", l5, 3);
        String all = joined(p);
        assertEquals(3, p.size(), "write and chmod succeed when workers share a path: " + all);
        assertTrue(all.contains(":1:36: `rename` acts on `shared.txt`, which holds no worker placeholder, so all 3"
                + " workers would rename the same path at once and most operations would fail (ENOENT, EEXIST). Put %d"
                + " in the path, e.g. `shared-%d.txt`, or run 1 worker."), all);
        assertEquals(List.of(), problems("l5.yaml", l5, 1));
        List<String> v2 = problems("v.yaml", "tasks:\n  - {op: mkdir, path: \"/tmp/q-shared\"}\n", 2);
        assertTrue(joined(v2).contains("Put {worker} in the path, e.g. `/tmp/q-shared-{worker}`"), joined(v2));
        // workers meet on a per-iteration name only at equal iteration numbers: the auditor's v8 ran without errors
        assertEquals(List.of(), problems("v8.yaml", "tasks:\n  - {op: write, path: \"w-{iteration}\"}\n"
                + "  - {op: rename, path: \"w-{iteration}\"}\n  - {op: remove, path: \"w-{iteration}\"}\n", 2));
    }

    @Test
    void aPerIterationRefusalNamesTheIterationNotEveryOperation() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectory(root.resolve("d7"));
        List<String> p = problems("i1.yaml", "tasks:\n  - {op: mkdir, path: \"d{iteration}\"}\n", 1);
        assertEquals(1, p.size(), joined(p));
        assertTrue(p.get(0).contains("`mkdir` creates " + root.resolve("d7") + ", which exists already (a directory), so"
                + " the operation of the iteration that makes this name would fail with EEXIST."), p.get(0));
    }
}
