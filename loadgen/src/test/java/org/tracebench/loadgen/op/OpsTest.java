package org.tracebench.loadgen.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.TestTasks;
import org.tracebench.loadgen.task.OpOptions;

/**
 * One test per op kind: the effect on a real file system, and a failure where the kind can fail. Ops are built with
 * the JDK internals (this JVM has the opens: see the pom's argLine); {@link OpsPublicApiTest} repeats every test on
 * the public-API fallback.
 */
class OpsTest {
    @TempDir Path dir;
    final List<Long> pids = new ArrayList<>();

    /** Whether the ops use the JDK internals where available. */
    boolean jdkInternals() { return true; }

    Op op(OpKind k) { return Ops.create(k, OpOptions.DEFAULTS, pids::add, jdkInternals()); }

    Op op(OpKind k, int size, Integer mode, List<String> args) {
        return Ops.create(k, new OpOptions(size, 0, args, mode), pids::add, jdkInternals());
    }

    static void once(Op op, Path p) throws Exception {
        op.prepare(p);
        op.perform(p);
    }

    Path file(String name, int size) throws IOException {
        Path p = dir.resolve(name);
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) b[i] = (byte) i;
        return Files.write(p, b);
    }

    /** The engine skips prepare and restore unless the op says it has them: an op that forgets would break. */
    @Test void everyOpDeclaresExactlyThePrepareAndRestoreStepsItHas() throws Exception {
        for (OpKind k : OpKind.values()) {
            Op o = op(k);
            boolean prepares = o.getClass().getMethod("prepare", Path.class).getDeclaringClass() != Op.class;
            boolean restores = o.getClass().getMethod("restore", Path.class).getDeclaringClass() != Op.class;
            assertEquals(prepares, o.hasPrepare(), k + ": hasPrepare");
            assertEquals(restores, o.hasRestore(), k + ": hasRestore");
        }
    }

    @Test void readReadsAnExistingFileAndFailsOnAMissingOne() throws Exception {
        Path f = file("r", 10_000);
        once(op(OpKind.READ), f);
        assertEquals(10_000, Files.size(f));
        assertThrows(NoSuchFileException.class, () -> once(op(OpKind.READ), dir.resolve("missing")));
    }

    /** read(2)-family calls of this thread so far (/proc/thread-self/io's syscr: read, pread64, readv...). */
    static long readCalls() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/thread-self/io"))) {
            if (l.startsWith("syscr:")) return Long.parseLong(l.substring(6).trim());
        }
        throw new IllegalStateException("no syscr in /proc/thread-self/io");
    }

    /** Before 2026-12-07 a 100-byte file read with size 4 KiB took two read(2): 100 bytes, then 0 at EOF. */
    @Test void readAndDirectReadIssueOneReadCallWhateverTheFileSize() throws Exception {
        Path small = file("small", 100);
        Path empty = file("empty", 0);
        for (OpKind k : List.of(OpKind.READ, OpKind.DIRECT_READ)) {
            Op op = op(k, 4096, null, List.of());
            for (Path p : List.of(small, empty)) {
                once(op, p); // loads what the op needs first
                long a = readCalls();
                long overhead = readCalls() - a; // reading the counter reads too
                long before = readCalls();
                once(op, p);
                assertEquals(1, readCalls() - before - overhead, k + " on a file of " + Files.size(p) + " bytes");
            }
        }
    }

    @Test void directReadReadsAnAlignedBlock() throws Exception {
        Path f = file("d", 8192);
        once(op(OpKind.DIRECT_READ), f);
        assertThrows(NoSuchFileException.class, () -> once(op(OpKind.DIRECT_READ), dir.resolve("missing")));
    }

    @Test void writeCreatesAndTruncatesToTheGivenSize() throws Exception {
        Path f = file("w", 50_000);
        once(op(OpKind.WRITE, 1000, null, List.of()), f);
        byte[] got = Files.readAllBytes(f);
        assertEquals(1000, got.length);
        assertEquals('a', got[0]);
        assertEquals('b', got[27]);
        Path fresh = dir.resolve("fresh");
        once(op(OpKind.WRITE), fresh);
        assertEquals(OpOptions.DEFAULT_SIZE_BYTES, Files.size(fresh));
    }

    @Test void directWriteWritesOneBlockAtOffsetZero() throws Exception {
        Path f = dir.resolve("dw");
        once(op(OpKind.DIRECT_WRITE), f);
        long block = Files.getFileStore(dir).getBlockSize();
        assertEquals(block, Files.size(f));
        assertEquals('A', Files.readAllBytes(f)[0]);
        Path big = dir.resolve("dw2");
        once(Ops.create(OpKind.DIRECT_WRITE, new OpOptions(5000, 4096, List.of(), null), null), big);
        assertEquals(8192, Files.size(big));
    }

    @Test void executeSubprocRunsTheBinaryAndRecordsItsPid() throws Exception {
        once(op(OpKind.EXECUTE_SUBPROC), Path.of(TestTasks.trueBinary()));
        assertEquals(1, pids.size());
        assertTrue(pids.get(0) > 0);
        assertFalse(ProcessHandle.of(pids.get(0)).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test void executeSubprocFailsOnNonZeroExitAndMissingBinary() {
        assertThrows(IOException.class, () -> once(op(OpKind.EXECUTE_SUBPROC), Path.of("/bin/false")));
        assertThrows(IOException.class, () -> once(op(OpKind.EXECUTE_SUBPROC), dir.resolve("no-such-binary")));
    }

    @Test void executeSubthreadRunsTheBinaryWithArgs() throws Exception {
        Path marker = dir.resolve("marker");
        once(op(OpKind.EXECUTE_SUBTHREAD, 0, null, List.of(marker.toString())), Path.of("/usr/bin/touch"));
        assertTrue(Files.exists(marker));
        assertEquals(1, pids.size());
        assertThrows(IOException.class, () -> once(op(OpKind.EXECUTE_SUBTHREAD), Path.of("/bin/false")));
    }

    @Test void forkRunsTheBinary() throws Exception {
        Path marker = dir.resolve("forked");
        once(op(OpKind.FORK, 0, null, List.of(marker.toString())), Path.of("/usr/bin/touch"));
        assertTrue(Files.exists(marker));
        assertEquals(1, pids.size());
    }

    /** loder's os.Create is not exclusive: its `write c` + `create-delete c` failed with EEXIST before 2026-12-07. */
    @Test void createDeleteLeavesNothingAndTruncatesAndDeletesAnExistingFile() throws Exception {
        Path f = dir.resolve("cd");
        once(op(OpKind.CREATE_DELETE), f);
        assertFalse(Files.exists(f));
        Path other = file("other", 100);
        Files.createLink(dir.resolve("cd"), other);
        once(op(OpKind.CREATE_DELETE), f);
        assertFalse(Files.exists(f));
        assertEquals(0, Files.size(other), "opened with O_TRUNC: the file's other name sees it emptied");
        assertThrows(NoSuchFileException.class, () -> once(op(OpKind.CREATE_DELETE), dir.resolve("no/such/dir")));
    }

    @Test void chmodSetsTheMode() throws Exception {
        Path f = file("m", 1);
        once(op(OpKind.CHMOD, 0, 0600, List.of()), f);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        once(op(OpKind.CHMOD), f);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test void chownKeepsTheOwnerAndFailsOnAMissingFile() throws Exception {
        Path f = file("o", 1);
        Object uid = Files.getAttribute(f, "unix:uid");
        once(op(OpKind.CHOWN), f);
        assertEquals(uid, Files.getAttribute(f, "unix:uid"));
        assertThrows(NoSuchFileException.class, () -> once(op(OpKind.CHOWN), dir.resolve("missing")));
    }

    /** loder's os.Chown(path, -1, -1) changes nothing; the op used to set the owner it had looked up before. */
    @Test void chownPassesMinusOneSoAnOwnerChangedMeanwhileStays() throws Exception {
        Path f = file("o2", 1);
        int uid = (Integer) Files.getAttribute(f, "unix:uid"), gid = (Integer) Files.getAttribute(f, "unix:gid");
        Op op = op(OpKind.CHOWN);
        once(op, f);
        assertFalse(op.hasPrepare(), "no untimed owner look-up");
        int other = uid == 0 ? 4321 : uid; // only root can hand the file to another user (the tests run as root here)
        Files.setAttribute(f, "unix:uid", other);
        once(op, f);
        assertEquals(other, Files.getAttribute(f, "unix:uid"));
        assertEquals(gid, Files.getAttribute(f, "unix:gid"));
    }

    /** loder's bufio Peek(4) reads 4096 bytes at once; before 2026-12-07 the default read 4. */
    @Test void readReadsLodersBufferOf4096BytesByDefault() throws Exception {
        Path f = file("big", 65536);
        Op op = op(OpKind.READ);
        once(op, f);
        long a = readBytes();
        long overhead = readBytes() - a; // reading the counter reads too
        long before = readBytes();
        once(op, f);
        long bytes = readBytes() - before - overhead;
        assertTrue(Math.abs(bytes - OpOptions.DEFAULT_READ_BYTES) < 16, bytes + " bytes read");
        assertEquals(4096, OpOptions.DEFAULT_READ_BYTES);
    }

    /** Bytes this thread read so far (/proc/thread-self/io's rchar). */
    static long readBytes() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/thread-self/io"))) {
            if (l.startsWith("rchar:")) return Long.parseLong(l.substring(6).trim());
        }
        throw new IllegalStateException("no rchar in /proc/thread-self/io");
    }

    @Test void mkdirCreatesTheDirectoryAndRestoreRemovesIt() throws Exception {
        Path d = dir.resolve("newdir");
        Op op = op(OpKind.MKDIR);
        once(op, d);
        assertTrue(Files.isDirectory(d));
        op.restore(d);
        assertFalse(Files.exists(d));
    }

    @Test void removeUnlinksFilesAndDirectoriesAndRestoreRecreatesThem() throws Exception {
        Path f = file("gone", 5);
        Op op = op(OpKind.REMOVE);
        once(op, f);
        assertFalse(Files.exists(f));
        op.restore(f);
        assertTrue(Files.isRegularFile(f));
        Path d = Files.createDirectory(dir.resolve("gonedir"));
        once(op, d);
        assertFalse(Files.exists(d));
        op.restore(d);
        assertTrue(Files.isDirectory(d));
        assertThrows(NoSuchFileException.class, () -> once(op(OpKind.REMOVE), dir.resolve("missing")));
    }

    /** Before 2026-12-07 a 0600 file came back 0644 (the umask's default) and a 0700 directory 0755. */
    @Test void removeRestoresTheModeButNotTheContent() throws Exception {
        Op op = op(OpKind.REMOVE);
        for (String mode : List.of("rw-------", "rw-rw-rw-", "r--r-----")) { // rw-rw-rw-: the umask would clear bits
            Path f = file("pf-" + mode, 17);
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
            once(op, f);
            assertFalse(Files.exists(f, LinkOption.NOFOLLOW_LINKS));
            op.restore(f);
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            assertEquals(0, Files.size(f), "the content is not restored (docs/load-ops.md)");
        }
        Path d = Files.createDirectory(dir.resolve("pd"));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
        once(op, d);
        assertFalse(Files.exists(d));
        op.restore(d);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d)));
    }

    @Test void renameMovesToRenamedAndRestoreMovesBack() throws Exception {
        Path f = file("ren", 3);
        Op op = op(OpKind.RENAME);
        once(op, f);
        Path to = dir.resolve("ren-renamed");
        assertEquals(to, op.companion(f));
        assertFalse(Files.exists(f));
        assertEquals(3, Files.size(to));
        op.restore(f);
        assertTrue(Files.exists(f));
        assertFalse(Files.exists(to));
        assertThrows(NoSuchFileException.class, () -> once(op(OpKind.RENAME), dir.resolve("missing")));
    }

    @Test void hardLinkLinksTheSameInodeAndRestoreUnlinks() throws Exception {
        Path f = file("h", 3);
        Op op = op(OpKind.HARD_LINK);
        once(op, f);
        Path link = dir.resolve("h-hard-link");
        assertTrue(Files.isSameFile(f, link));
        assertEquals(2, Files.getAttribute(f, "unix:nlink"));
        op.restore(f);
        assertFalse(Files.exists(link));
    }

    @Test void softLinkPointsAtThePathAndRestoreUnlinks() throws Exception {
        Path f = file("s", 3);
        Op op = op(OpKind.SOFT_LINK);
        once(op, f);
        Path link = dir.resolve("s-soft-link");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(Path.of("s"), Files.readSymbolicLink(link), "loder's relative text, not an absolute path");
        assertTrue(Files.isSameFile(f, link));
        op.restore(f);
        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
    }

    @Test void openOpensAndFailsOnAMissingFile() throws Exception {
        once(op(OpKind.OPEN), file("op", 1));
        assertThrows(NoSuchFileException.class, () -> once(op(OpKind.OPEN), dir.resolve("missing")));
    }

    @Test void statFailsOnAMissingFile() throws Exception {
        once(op(OpKind.STAT), file("st", 1));
        assertThrows(NoSuchFileException.class, () -> once(op(OpKind.STAT), dir.resolve("missing")));
    }

    @Test void readdirListsADirectoryAndRefusesAFile() throws Exception {
        file("e1", 1);
        once(op(OpKind.READDIR), dir);
        Path f = file("notdir", 1);
        assertThrows(NotDirectoryException.class, () -> once(op(OpKind.READDIR), f));
        assertThrows(NoSuchFileException.class, () -> once(op(OpKind.READDIR), dir.resolve("missing")));
    }

    /** glibc's 32 KiB buffer: 48 bytes of "." and "..", then 120 per 100-byte name; and the call that returns 0. */
    @Test void readdirCountsTheGetdentsCallsOfGlibcsBuffer() throws Exception {
        Path d = Files.createDirectories(dir.resolve("d"));
        Op op = op(OpKind.READDIR);
        once(op, d);
        assertEquals(2, op.getdents64Calls(), "an empty directory: one call for . and .., one that returns 0");
        for (int i = 0; i < 1000; i++) Files.createFile(d.resolve(String.format("%04d", i) + "y".repeat(96)));
        once(op, d);
        assertEquals(5, op.getdents64Calls(), "120 048 bytes: 272, 273, 273 and 182 names, then 0 (strace agrees)");
    }

    @Test void fsyncWritesDurablyWithoutTruncating() throws Exception {
        Path f = file("fs", 10_000);
        once(op(OpKind.FSYNC, 100, null, List.of()), f);
        byte[] got = Files.readAllBytes(f);
        assertEquals(10_000, got.length);
        assertEquals('a', got[0]);
        assertEquals((byte) 100, got[100]);
    }

    @Test void truncateSetsTheSize() throws Exception {
        Path f = file("t", 100);
        once(op(OpKind.TRUNCATE), f);
        assertEquals(0, Files.size(f));
        once(op(OpKind.TRUNCATE, 10, null, List.of()), f);
        assertEquals(10, Files.size(f));
        assertArrayEquals(new byte[10], Files.readAllBytes(f));
    }

    @Test void everyKindHasAnImplementation() {
        for (OpKind k : OpKind.values()) assertEquals(k, op(k).kind());
    }

    @Test void launchRuleFollowsTaskFileThenForkOpsThenExecOpsThenPosixSpawn() {
        var plain = TestTasks.file(TestTasks.spec(OpKind.EXECUTE_SUBPROC, "/bin/true"));
        var withFork = TestTasks.file(TestTasks.spec(OpKind.FORK, "/bin/true"), TestTasks.spec(OpKind.EXECUTE_SUBTHREAD, "/bin/true"));
        var noExec = TestTasks.file(TestTasks.spec(OpKind.STAT, "f"));
        assertEquals("VFORK", LaunchMechanisms.effective(plain).jdkName());
        assertEquals("FORK", LaunchMechanisms.effective(withFork).jdkName());
        assertEquals("POSIX_SPAWN", LaunchMechanisms.effective(noExec).jdkName());
        var explicit = new org.tracebench.loadgen.task.TaskFile(withFork.source(), withFork.format(), "x", "",
                withFork.workers(), withFork.duration(), withFork.warmup(), withFork.rate(), withFork.workRoot(),
                Optional.of(org.tracebench.loadgen.task.Launch.VFORK), List.of(), withFork.tasks());
        assertEquals("VFORK", LaunchMechanisms.effective(explicit).jdkName());
    }
}
