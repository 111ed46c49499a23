package org.tracebench.harness.completeness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.run.WorkRootLock;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.TraceEvent;

/** accessed-files.txt: deletion from the events, the load generator's lock left out, escaping, cut paths. */
class AccessedFilesTest {
    @TempDir
    Path tmp;

    private static final Capabilities SYSCALLS = new Capabilities(Set.of(FileOp.OPEN, FileOp.STAT, FileOp.UNLINK,
            FileOp.RMDIR, FileOp.RENAME, FileOp.SYMLINK), Set.of(), true, true, false, List.of());
    /** fatrace's: no unlink, and a move names the directory. */
    private static final Capabilities FANOTIFY = new Capabilities(Set.of(FileOp.OPEN, FileOp.READ, FileOp.WRITE,
            FileOp.CLOSE), Set.of(FileOp.RENAME), true, true, true, List.of(), true);

    private static GroundTruth truth(String path) {
        return GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 10, "childPids", List.of(),
                "ops", Map.of("read", Map.of("count", 1, "paths", List.of(path))))));
    }

    private static TraceEvent ev(FileOp op, String path, String path2, boolean ok) {
        return new TraceEvent(-1, 10, op, op.name().toLowerCase(), path, path2, ok);
    }

    @Test
    void deletedComesFromTheEventsNotFromWhatIsGoneAfterTheWorkRootWasRemoved() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        String w = root + "/";
        CompletenessChecker c = new CompletenessChecker(truth(w + "read.bin"), SYSCALLS, Set.of());
        Files.writeString(root.resolve("read.bin"), "x");
        c.accept(ev(FileOp.OPEN, w + "read.bin", null, true));
        c.accept(ev(FileOp.UNLINK, w + "gone", null, true));
        c.accept(ev(FileOp.UNLINK, w + "kept", null, false)); // a failed unlink removes nothing
        c.accept(ev(FileOp.OPEN, w + "kept", null, true));
        c.accept(ev(FileOp.UNLINK, w + "back", null, true));
        c.accept(ev(FileOp.OPEN, w + "back", null, true)); // created again
        c.accept(ev(FileOp.UNLINK, w + "still-gone", null, true));
        c.accept(ev(FileOp.STAT, w + "still-gone", null, false)); // ENOENT: it stays gone
        c.accept(ev(FileOp.RENAME, w + "old", w + "new", true));
        c.accept(ev(FileOp.RMDIR, w + "dir", null, true));
        c.accept(ev(FileOp.OPEN, w + WorkRootLock.NAME, null, true)); // the load generator's own lock
        c.accept(ev(FileOp.OPEN, "/proc/123/task/124/comm", null, true)); // gone with its process: not deleted
        deleteTree(root); // what the load generator does at its end, before the list is made
        assertEquals(List.of("/proc/123/task/124/comm", w + "back", w + "dir (deleted)", w + "gone (deleted)",
                w + "kept", w + "new", w + "old (deleted)", w + "read.bin", w + "still-gone (deleted)"), c.accessedFiles());
        assertEquals(11, c.events(), "the lock's open is the load generator's bookkeeping, not the load's");
    }

    @Test
    void theLoadGeneratorsCleanupAfterItsWindowIsNotTheWorkloadDeletingItsFiles() {
        String w = tmp + "/run-1-t1/";
        CompletenessChecker c = new CompletenessChecker(truth(w + "data/read-0.bin"), SYSCALLS, Set.of());
        c.accept(ev(FileOp.OPEN, w + WorkRootLock.NAME, null, true));
        c.accept(ev(FileOp.OPEN, w + "data/read-0.bin", null, true));
        c.accept(ev(FileOp.UNLINK, w + "out/scratch-0", null, true)); // the workload's create-delete
        // after DONE: the load generator unlocks its work root, walks it and removes what the run made
        c.accept(ev(FileOp.UNLINK, w + WorkRootLock.NAME, null, true));
        c.accept(ev(FileOp.OPEN, w + "data", null, true));
        c.accept(ev(FileOp.UNLINK, w + "data/read-0.bin", null, true));
        c.accept(ev(FileOp.RMDIR, w + "data", null, true));
        assertEquals(List.of(w + "data/read-0.bin", w + "out/scratch-0 (deleted)"), c.accessedFiles());
    }

    /**
     * Each JDK child lists its /proc/self/fd before it execs; strace's -y names that descriptor by the child's pid (as
     * captured in an exec trial: 943 of 1003 lines). The load generator's and its children's /proc entries are listed
     * as /proc/self; another process's keep their pid.
     */
    @Test
    void theLoadsOwnProcEntriesAreListedAsProcSelf() throws Exception {
        GroundTruth t = GroundTruth.fromLoadResult(Map.of("groundTruth", Map.of("pid", 22115,
                "childPids", List.of(22888, 22889), "ops", Map.of("execute-subproc", Map.of("count", 2,
                        "paths", List.of("/usr/bin/true"))))));
        StringBuilder out = new StringBuilder("22117 1795431654.000050 openat(AT_FDCWD</w>, \"/proc/self/task\", "
                + "O_RDONLY|O_CLOEXEC|O_DIRECTORY) = 5</proc/22115/task>\n"
                + "22117 1795431654.000060 openat(AT_FDCWD</w>, \"/proc/228880/stat\", O_RDONLY) = 6</proc/228880/stat>\n");
        for (int pid : new int[] {22888, 22889}) {
            out.append(pid).append(" 1795431654.000100 openat(AT_FDCWD</w>, \"/proc/self/fd\", O_RDONLY|O_NONBLOCK|"
                    + "O_CLOEXEC|O_DIRECTORY) = 4</proc/").append(pid).append("/fd>\n");
            out.append(pid).append(" 1795431654.000200 getdents64(4</proc/").append(pid)
                    .append("/fd>, 0x7f0 /* 6 entries */, 32768) = 144\n");
            out.append(pid).append(" 1795431654.000300 close(4</proc/").append(pid).append("/fd>) = 0\n");
            out.append(pid).append(" 1795431654.000400 execve(\"/usr/bin/true\", [\"/usr/bin/true\"], 0x7ff /* 9 vars */)"
                    + " = 0\n");
        }
        CompletenessChecker c = new CompletenessChecker(t, new org.tracebench.tracers.strace.StraceTracer()
                .capabilities(Map.of()), Set.of());
        new org.tracebench.tracers.strace.StraceParser("/w").parse(new java.io.ByteArrayInputStream(
                out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), c);
        assertEquals(List.of("/proc/228880/stat", "/proc/self/fd", "/proc/self/task", "/usr/bin/true"), c.accessedFiles());
    }

    @Test
    void aBackendThatDoesNotNameRemovalsMarksNoneAndItsHeaderSaysSo() {
        String dir = tmp.resolve("d").toString();
        CompletenessChecker c = new CompletenessChecker(truth(dir + "/a"), FANOTIFY, Set.of());
        c.accept(ev(FileOp.OPEN, dir + "/a", null, true));
        c.accept(ev(FileOp.RENAME, dir, null, true)); // fanotify's move names the directory, not the entry
        assertEquals(List.of(dir, dir + "/a"), c.accessedFiles(), "the directory was not renamed away");
        List<String> header = AccessedFiles.header("fatrace", FANOTIFY, 0, false);
        assertTrue(header.stream().anyMatch(l -> l.equals("# fatrace does not name the path of unlink, rmdir, rename:"
                + " a path removed that way is not marked (deleted); whether it still exists is unknown.")), header.toString());
        assertTrue(AccessedFiles.header("strace", SYSCALLS, 0, false).stream().noneMatch(l -> l.contains("does not name")));
        assertTrue(header.stream().allMatch(l -> l.startsWith("# ")), "header lines cannot be paths, which start with /");
    }

    @Test
    void theHeaderSaysWhichOperationsTheBackendNamesPathsFor() {
        // ftrace without kprobes or eprobes: sched_process_exec names the program, every syscall is a count
        Capabilities ftrace = new Capabilities(Set.of(FileOp.EXEC), Set.of(FileOp.OPEN, FileOp.READ, FileOp.UNLINK,
                FileOp.RMDIR, FileOp.RENAME), true, true, false, List.of());
        List<String> header = AccessedFiles.header("ftrace", ftrace, 0, false);
        assertTrue(header.contains("# ftrace names the paths of exec only; it reports open, read, rmdir, unlink, rename"
                + " as counts without a path, so their files are not listed here."), header.toString());
        Capabilities none = new Capabilities(Set.of(), Set.of(FileOp.OPEN), true, true, false, List.of());
        assertTrue(AccessedFiles.header("counter", none, 0, false).contains("# counter names the paths of no operation;"
                + " it reports open as counts without a path, so their files are not listed here."));
        assertTrue(AccessedFiles.header("strace", SYSCALLS, 0, false).stream().noneMatch(l -> l.contains("names the paths")),
                "a backend naming the path of everything it sees says nothing more");
    }

    @Test
    void pathsAreEscapedSoThatALineIsOnePathAndItsMarkers() {
        assertEquals("/d/new\\nline.txt", AccessedFiles.escape("/d/new\nline.txt"));
        assertEquals("/d/sp\\x20ace\\t'q\"uo\\\\te.bin", AccessedFiles.escape("/d/sp ace\t'q\"uo\\te.bin"));
        assertEquals("/d/\\x01\\x7f\\r\\xc2\\xa0\\xc2\\x85", AccessedFiles.escape("/d/\u0001\u007f\r\u00a0\u0085"));
        assertEquals("/d/ünï.txt", AccessedFiles.escape("/d/ünï.txt"), "printable non-ASCII stays readable");
        String plain = "/usr/lib/jvm/java-17/lib/modules";
        assertTrue(plain == AccessedFiles.escape(plain), "nothing to escape: no copy");

        String w = tmp + "/";
        CompletenessChecker c = new CompletenessChecker(truth(w + "a"), SYSCALLS, Set.of());
        c.accept(ev(FileOp.STAT, w + "new\nline.txt", null, true));
        c.accept(ev(FileOp.UNLINK, w + "sp ace (deleted)", null, true)); // a name that looks like a marker
        List<String> lines = AccessedFiles.lines(c, "strace", SYSCALLS, 0);
        List<String> paths = lines.stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of(w + "new\\nline.txt", w + "sp\\x20ace\\x20(deleted) (deleted)"), paths);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("# Escaped: \\\\ backslash, \\n newline")), lines.toString());
    }

    @Test
    void pathsAsLongAsTheTracersLimitAreMarkedAsMaybeTruncated() {
        String w = tmp + "/";
        int limit = 127;
        String cut = (w + "a".repeat(200)).substring(0, limit); // bpftrace's str() keeps 127 bytes
        String shorter = cut.substring(0, limit - 1);
        String multibyte = cut.substring(0, limit - 2) + "\uFFFD"; // a character cut in two, decoded as U+FFFD
        CompletenessChecker c = new CompletenessChecker(truth(w + "a"), SYSCALLS, Set.of());
        for (String p : List.of(cut, shorter, multibyte)) c.accept(ev(FileOp.OPEN, p, null, true));
        List<String> files = c.accessedFiles(limit);
        assertTrue(files.contains(cut + " (maybe truncated)"), files.toString());
        assertTrue(files.contains(shorter), files.toString());
        assertTrue(files.contains(multibyte + " (maybe truncated)"), files.toString());
        assertFalse(c.accessedFiles().stream().anyMatch(l -> l.contains("truncated")), "no limit: no marker");
        assertTrue(AccessedFiles.header("bpftrace", SYSCALLS, limit, false).contains("# bpftrace prints at most 127 bytes"
                + " of a path: a path that long is marked (maybe truncated) and may be the start of a longer one."));
    }

    private static void deleteTree(Path p) throws Exception {
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
