package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tracebench.loadgen.task.TaskFileTesting.joined;
import static org.tracebench.loadgen.task.TaskFileTesting.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mutating ops and setup stay inside the work root and --allow-path directories, on real directories and links. */
class PathSafetyTest extends PathSafetyTestBase {
    @Test
    void pathsInsideTheWorkRootAreAccepted() throws Exception {
        accepted("""
                setup: [{path: "d/{worker}.bin", size: 4KiB}]
                tasks:
                  - {op: write, path: "d/{worker}.bin"}
                  - {op: rename, path: a/../b}
                  - {op: hard-link, path: ROOT/abs}
                """.replace("ROOT", root.toString()), List.of());
    }

    @Test
    void dotDotOutOfTheWorkRootIsRefusedWithFileLineAndPath() throws Exception {
        Path f = dir.resolve("t.yaml");
        String all = refused("tasks:\n  - op: write\n    path: ../outside/x\n", List.of());
        assertTrue(all.startsWith(f + ":3:11: The `write` path `../outside/x` resolves to " + outside.resolve("x")
                + ", outside the work root " + root.toRealPath()), all);
        assertTrue(all.contains("Nothing was run."), all);
    }

    @Test
    void absolutePathOutsideIsRefusedButAllowPathAdmitsIt() throws Exception {
        String yaml = "tasks:\n  - {op: chmod, path: " + outside.resolve("f") + "}\n";
        assertTrue(refused(yaml, List.of()).contains("resolves to " + outside.resolve("f")));
        accepted(yaml, List.of(outside));
    }

    @Test
    void symlinkedParentPointingOutsideIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("escape"), outside);
        String all = refused("tasks:\n  - {op: remove, path: escape/victim}\n", List.of());
        assertTrue(all.contains("`escape/victim` resolves to " + outside.toRealPath().resolve("victim")), all);
    }

    @Test
    void danglingSymlinkThatACreateWouldFollowIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("not-yet"));
        String all = refused("tasks:\n  - {op: write, path: dangling}\n", List.of());
        assertTrue(all.contains("resolves to " + outside.toRealPath().resolve("not-yet")), all);
    }

    @Test
    void dotDotIsAppliedAfterFollowingTheSymlinkAsTheKernelDoes() throws Exception {
        Path deep = Files.createDirectories(outside.resolve("deep"));
        Files.createSymbolicLink(root.resolve("link"), deep);
        // Lexically link/../x is root/x; the kernel goes to deep/.. = outside/x.
        String all = refused("tasks:\n  - {op: truncate, path: link/../x}\n", List.of());
        assertTrue(all.contains("resolves to " + outside.toRealPath().resolve("x")), all);
    }

    @Test
    void perWorkerSymlinkIsFoundByExpandingEveryWorker() throws Exception {
        Files.createDirectories(root.resolve("w0"));
        Files.createDirectories(root.resolve("w1"));
        Files.createSymbolicLink(root.resolve("w2"), outside);
        String yaml = "workers: 3\ntasks:\n  - {op: mkdir, path: \"w{worker}/d\"}\n";
        String all = refused(yaml, List.of());
        assertTrue(all.contains("`w{worker}/d` for worker 2 resolves to " + outside.toRealPath().resolve("d")), all);
        TaskFile tf = TaskFiles.load(dir.resolve("t.yaml"));
        assertDoesNotThrow(() -> TaskFiles.checkSafety(tf, root, List.of(), 2), "workers 0 and 1 are inside");
    }

    @Test
    void derivedPathsMustBeInsideToo() throws Exception {
        Files.createSymbolicLink(root.resolve("f-renamed"), outside.resolve("g"));
        String all = refused("tasks:\n  - {op: rename, path: f}\n", List.of());
        assertTrue(all.contains("The `rename` target `f-renamed` resolves to " + outside.toRealPath().resolve("g")), all);
    }

    @Test
    void setupEntriesAreConfinedAndReadsAndExecsAreNot() throws Exception {
        String all = refused("setup: [{path: ../outside/s, size: 1}]\ntasks:\n  - {op: read, path: /etc/passwd}\n"
                + "  - {op: execute-subproc, path: /bin/true}\n  - {op: stat, path: ../outside}\n", List.of());
        assertEquals(1, all.lines().count(), all);
        assertTrue(all.contains("The setup entry `../outside/s` resolves to " + outside.resolve("s")), all);
    }

    @Test
    void everyOffendingPathIsReported() throws Exception {
        String all = refused("tasks:\n  - {op: write, path: /etc/a}\n  - {op: soft-link, path: /etc/b}\n", List.of());
        assertEquals(3, all.lines().count(), all); // write, soft-link path, soft-link target
    }

    @Test
    void systemDirectoriesAreRefusedAsWorkRootOrAllowPath() throws Exception {
        TaskFile tf = TaskFiles.load(write(dir, "t.yaml", "tasks:\n  - {op: write, path: x}\n"));
        String all = joined(assertThrows(TaskFileException.class,
                () -> TaskFiles.checkSafety(tf, Path.of("/"), List.of())).problems());
        assertTrue(all.contains("The work root / is a shared directory"), all);
        String allow = joined(assertThrows(TaskFileException.class,
                () -> TaskFiles.checkSafety(tf, root, List.of(Path.of("/etc")))).problems());
        assertTrue(allow.contains("--allow-path /etc is a system directory"), allow);
    }

    @Test
    void directoriesInsideSystemTreesAreRefusedAndScratchSubdirectoriesAccepted() throws Exception {
        TaskFile tf = TaskFiles.load(write(dir, "t.yaml", "tasks:\n  - {op: write, path: x}\n"));
        for (String sys : List.of("/usr/local", "/etc/ssh", "/usr/lib", "/proc/self", "/sys/kernel", "/var/lib",
                "/dev/shm", "/tmp", "/var/tmp", "/boot/grub")) {
            String all = joined(assertThrows(TaskFileException.class,
                    () -> TaskFiles.checkSafety(tf, Path.of(sys), List.of()), sys).problems());
            assertTrue(all.contains("is a system directory") || all.contains("lies in the system directory")
                    || all.contains("is a shared directory"), all);
            assertTrue(all.contains("choose a directory of its own"), all);
        }
        // docs/task-files.md calls /tmp, /var/tmp and /dev/shm shared directories, not system ones
        for (String shared : List.of("/tmp", "/var/tmp", "/dev/shm", "/home")) {
            String all = joined(assertThrows(TaskFileException.class,
                    () -> TaskFiles.checkSafety(tf, Path.of(shared), List.of()), shared).problems());
            assertTrue(all.contains("The work root " + shared + " is a shared directory; choose a directory of its own"), all);
        }
        String usrLocal = joined(assertThrows(TaskFileException.class,
                () -> TaskFiles.checkSafety(tf, Path.of("/usr/local"), List.of())).problems());
        assertTrue(usrLocal.contains("The work root /usr/local lies in the system directory /usr;"), usrLocal);
        for (String ok : List.of("/tmp/tracebench-x", "/var/tmp/tracebench/x", "/dev/shm/tracebench-x")) {
            assertDoesNotThrow(() -> TaskFiles.checkSafety(tf, Path.of(ok), List.of()), ok);
        }
        // an allowed path is written only by the task's own ops and cleaned only of their paths: /tmp may be one
        assertDoesNotThrow(() -> TaskFiles.checkSafety(tf, root, List.of(Path.of("/tmp"), Path.of("/var/tmp"))));
        String allow = joined(assertThrows(TaskFileException.class,
                () -> TaskFiles.checkSafety(tf, root, List.of(Path.of("/usr/local/bin"), Path.of("/")))).problems());
        assertTrue(allow.contains("--allow-path /usr/local/bin lies in the system directory /usr;"), allow);
        assertTrue(allow.contains("--allow-path / is a shared directory;"), allow);
    }

    @Test
    void aWorkRootThatIsAFileIsRefused() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain"), "the user's");
        Path f = write(dir, "t.yaml", "tasks:\n  - {op: write, path: x}\n");
        TaskFiles.Validation v = TaskFiles.validate(f, plain, List.of(), java.util.OptionalInt.empty());
        assertEquals(List.of(f + ": --work-root " + plain + " is a file; give a directory."), v.problems());
        TaskFiles.Validation under = TaskFiles.validate(f, plain.resolve("sub"), List.of(), java.util.OptionalInt.empty());
        assertEquals(List.of(f + ": --work-root " + plain.resolve("sub") + " lies under the file " + plain
                + "; give a directory."), under.problems());
        Path g = write(dir, "own.yaml", "workRoot: plain\ntasks:\n  - {op: write, path: x}\n");
        TaskFiles.Validation own = TaskFiles.validate(g, null, List.of(), java.util.OptionalInt.empty());
        assertEquals(List.of(g + ": The work root " + plain + " (the file's workRoot) is a file; give a directory."),
                own.problems());
        assertEquals("the user's", Files.readString(plain));
    }

    @Test
    void aSystemDirectoryAsTheFilesOwnWorkRootIsReportedAtItsKey() throws Exception {
        Path f = write(dir, "sys.yaml", "name: sys\nworkRoot: /etc\ntasks:\n  - {op: chmod, path: hostname}\n");
        String all = joined(assertThrows(TaskFileException.class, () -> TaskFiles.load(f)).problems());
        assertEquals(f + ":2:11: The work root /etc is a system directory; choose a directory of its own, such as "
                + "/var/tmp/tracebench/sys.", all);
        Files.createSymbolicLink(root.resolve("to-root"), Path.of("/"));
        Path g = write(dir, "via-link.yaml", "workRoot: " + root.resolve("to-root") + "\ntasks:\n  - {op: write, path: x}\n");
        String viaLink = joined(assertThrows(TaskFileException.class, () -> TaskFiles.load(g)).problems());
        assertTrue(viaLink.startsWith(g + ":1:11: The work root / is a shared directory"), viaLink);
        TaskFiles.Validation v = TaskFiles.validate(f, null, List.of(), java.util.OptionalInt.empty());
        assertEquals(List.of(all), v.problems(), "validate says it once, at the key");
        TaskFiles.Validation cli = TaskFiles.validate(write(dir, "ok.yaml", "tasks:\n  - {op: write, path: x}\n"),
                Path.of("/usr"), List.of(), java.util.OptionalInt.empty());
        assertEquals(1, cli.problems().size(), cli.problems().toString());
        assertTrue(cli.problems().get(0).contains(": The work root /usr is a system directory"), cli.problems().toString());
    }

    @Test
    void realResolvesLikeTheKernel() throws Exception {
        Files.createSymbolicLink(root.resolve("l"), outside);
        assertEquals(outside.toRealPath().resolve("a/b"), PathSafety.real(root.resolve("l/./a/b")));
        assertEquals(root.toRealPath().resolve("n/m"), PathSafety.real(root.resolve("x/../n/m")));
        Files.createSymbolicLink(root.resolve("loop"), root.resolve("loop"));
        PathSafety.real(root.resolve("loop/x")); // terminates despite the loop
    }
}
