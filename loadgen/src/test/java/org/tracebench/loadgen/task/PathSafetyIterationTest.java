package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tracebench.loadgen.task.TaskFileTesting.joined;
import static org.tracebench.loadgen.task.TaskFileTesting.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paths that change per iteration, or pass through links the run makes, stay inside the work root too. */
class PathSafetyIterationTest extends PathSafetyTestBase {
    @Test
    void aSymlinkThatALaterIterationNamesIsRefused() throws Exception {
        // the audit's symiter.yaml: iteration 0 (l0) does not exist, l1 and l2 lead outside
        Files.createSymbolicLink(root.resolve("l1"), outside);
        Files.createSymbolicLink(root.resolve("l2"), outside);
        String all = refused("tasks:\n  - {op: write, path: \"l{iteration}/victim-{iteration}\"}\n");
        assertTrue(all.contains("The `write` path `l{iteration}/victim-{iteration}` for the iteration that names the"
                + " existing " + root.resolve("l1") + " resolves to " + outside.toRealPath().resolve("victim-{iteration}")
                + ", outside the work root"), all);
    }

    @Test
    void aLastNameThatIsALinkOutsideIsRefusedAndOrdinaryEntriesAreNot() throws Exception {
        Files.createDirectories(root.resolve("d"));
        for (int i = 0; i < 5; i++) Files.writeString(root.resolve("d/f" + i), "x");
        Files.createDirectories(root.resolve("d/f5"));
        Files.createSymbolicLink(root.resolve("d/f06"), outside.resolve("x")); // not a name {iteration} makes
        Files.createSymbolicLink(root.resolve("d/g7"), outside.resolve("x"));
        Files.createSymbolicLink(root.resolve("d/f8"), root.resolve("d/f1")); // a link inside is fine
        accepted("tasks:\n  - {op: remove, path: \"d/f{iteration}\"}\n  - {op: write, path: \"d/{iteration}\"}\n");
        Files.createSymbolicLink(root.resolve("d/f123"), outside.resolve("y"));
        String all = refused("tasks:\n  - {op: remove, path: \"d/f{iteration}\"}\n");
        assertTrue(all.contains("names the existing " + root.resolve("d/f123") + " resolves to "
                + outside.toRealPath().resolve("y")), all);
    }

    @Test
    void workerAndIterationInOneNameMatchTheWorkersOwnEntries() throws Exception {
        Files.createSymbolicLink(root.resolve("w1-9"), outside);
        String yaml = "tasks:\n  - {op: mkdir, path: \"w{worker}-{iteration}/d\"}\n";
        TaskFile tf = TaskFiles.load(write(dir, "t.yaml", yaml));
        assertDoesNotThrow(() -> TaskFiles.checkSafety(tf, root, List.of(), 1), "worker 0 never makes w1-9");
        String all = joined(assertThrows(TaskFileException.class,
                () -> TaskFiles.checkSafety(tf, root, List.of(), 2)).problems());
        assertTrue(all.contains("for worker 1 for the iteration that names the existing " + root.resolve("w1-9")), all);
    }

    @Test
    void aDirectoryTheRunLinksOrRenamesIsCheckedWhereItLeads() throws Exception {
        // soft-link d3 makes d3-soft-link -> d3; writing into it writes into d3, where v is a link outside
        Files.createDirectories(root.resolve("d3"));
        Files.createSymbolicLink(root.resolve("d3/v"), outside.resolve("v"));
        String all = refused("tasks:\n  - {op: soft-link, path: \"d{iteration}\"}\n"
                + "  - {op: write, path: \"d{iteration}-soft-link/v\"}\n");
        assertTrue(all.contains("`d{iteration}-soft-link/v` for the iteration that names the existing "
                + root.resolve("d3") + " resolves to " + outside.toRealPath().resolve("v")), all);
        String fixed = refused("tasks:\n  - {op: rename, path: d3}\n  - {op: chmod, path: d3-renamed/v}\n");
        assertTrue(fixed.contains("`d3-renamed/v` resolves to " + outside.toRealPath().resolve("v") + " (as "
                + root.resolve("d3/v") + ", where the file's own soft-link, hard-link or rename ops make it lead)"), fixed);
        accepted("tasks:\n  - {op: chmod, path: d3-renamed/v}\n"); // no rename: d3-renamed stays a plain name
    }

    @Test
    void aWorkRootWhoseNameEndsLikeALinkTheRunMakesIsTheUsersOwn() throws Exception {
        // loadgen/bench/compare.sh works in j-hard-link and j-soft-link next to j: the run makes links only inside
        // its work root, so j-hard-link is no alias of j (which lies outside it)
        Path j = Files.createDirectories(dir.resolve("j"));
        for (String op : List.of("hard-link", "soft-link", "rename")) {
            Path own = Files.createDirectories(dir.resolve("j-" + (op.equals("rename") ? "renamed" : op)));
            Files.writeString(own.resolve("target"), "x");
            TaskFile tf = TaskFiles.load(write(dir, "t.yaml", "tasks:\n  - {op: " + op + ", path: target}\n"));
            assertDoesNotThrow(() -> TaskFiles.checkSafety(tf, own, List.of()), op + " in " + own + ", not in " + j);
        }
    }
}
