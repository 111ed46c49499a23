package org.tracebench.loadgen.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.tracebench.loadgen.task.TaskFileTesting.joined;
import static org.tracebench.loadgen.task.TaskFileTesting.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks against this machine: O_DIRECT block sizes, direct buffer memory. */
class RunChecksTest {
    @TempDir Path dir;

    @Test
    void aBlockSizeTheFileSystemsODirectRefusesIsRefusedWithItsBlockSize() throws Exception {
        long fs = Files.getFileStore(dir).getBlockSize();
        assumeTrue(fs > 512, "the temporary directory's file system takes 512-byte O_DIRECT blocks");
        Path f = write(dir, "t.yaml", """
                tasks:
                  - {op: direct-read, path: r.bin, blockSize: 512}
                  - {op: direct-write, path: w.bin, blockSize: %d}
                """.formatted(fs));
        Path root = dir.resolve("not-yet/root"); // the nearest existing directory's file system counts
        TaskFiles.Validation v = TaskFiles.validate(f, root, List.of(), OptionalInt.empty());
        String all = joined(v.problems());
        assertTrue(all.contains(f + ":2:5: `blockSize: 512` of this `direct-read` is not a multiple of the block size "
                + "of the file system that holds " + root.resolve("r.bin")), all);
        assertTrue(all.contains(": " + fs + " bytes); the JDK's O_DIRECT requires"), all);
        assertEquals(1, v.problems().size(), "a multiple of the block size is fine: " + all);
        TaskFile tf = TaskFiles.load(f);
        String load = joined(org.junit.jupiter.api.Assertions.assertThrows(TaskFileException.class,
                () -> TaskFiles.checkSafety(tf, root, List.of())).problems());
        assertTrue(load.contains("`blockSize: 512`"), load);
    }

    @Test
    void directOpsOnTmpfsAreRefusedBecauseTmpfsServesODirectFromMemory() throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.getFileStore(shm).type().equals("tmpfs"), "/dev/shm is no tmpfs");
        Path f = write(dir, "t.yaml", """
                tasks:
                  - {op: direct-read, path: r.bin}
                  - {op: direct-write, path: "w-{worker}.bin"}
                  - {op: read, path: b.bin}
                """);
        Path root = shm.resolve("tracebench-runchecks-" + ProcessHandle.current().pid()); // not created: nothing is
        TaskFiles.Validation v = TaskFiles.validate(f, root, List.of(), OptionalInt.empty());
        String all = joined(v.problems());
        assertTrue(all.contains(f + ":2:29: `direct-read` acts on " + root.resolve("r.bin") + ", which is on a tmpfs"
                + " file system (mounted at /dev/shm) that keeps files in memory: it accepts O_DIRECT but serves it"
                + " from the page cache, so the run would measure no direct I/O. Expected a path on a disk file system"), all);
        assertTrue(all.contains(f + ":3:30: `direct-write` acts on " + root.resolve("w-0.bin")), all);
        assertEquals(2, v.problems().size(), "buffered reads on tmpfs are fine: " + all);
        assertTrue(Files.notExists(root));
        TaskFile tf = TaskFiles.load(f);
        org.junit.jupiter.api.Assertions.assertThrows(TaskFileException.class, () -> TaskFiles.checkSafety(tf, root, List.of()));
        Path disk = dir.resolve("root");
        assumeTrue(!RunChecks.IN_MEMORY.contains(Files.getFileStore(dir).type()), "the temporary directory is in memory");
        assertTrue(TaskFiles.validate(f, disk, List.of(), OptionalInt.empty()).problems().isEmpty());
    }

    @Test
    void anExistingFileARenameOrLinkWouldCreateIsRefusedAndNothingIsTouched() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("f-renamed"), "precious");
        Files.writeString(root.resolve("g1-hard-link"), "x");
        Files.createDirectory(root.resolve("d"));
        Path f = write(dir, "t.yaml", """
                workers: 2
                tasks:
                  - {op: rename, path: f}
                  - {op: hard-link, path: "g{worker}"}
                  - {op: mkdir, path: d}
                  - {op: soft-link, path: h}
                  - {op: create-delete, path: c}
                """);
        TaskFiles.Validation v = TaskFiles.validate(f, root, List.of(), OptionalInt.empty());
        String all = joined(v.problems());
        assertTrue(all.contains(f + ":3:5: `rename` renames " + root.resolve("f") + " to " + root.resolve("f-renamed")
                + ", an existing file: rename(2) would replace it and its content would be lost"), all); // one form
        assertTrue(all.contains(f + ":4:5: `hard-link` creates " + root.resolve("g1-hard-link") + ", which exists"
                + " already (a file), so every operation would fail with EEXIST."), all);
        assertTrue(all.contains(f + ":5:5: `mkdir` creates " + root.resolve("d") + ", which exists already (a directory)"), all);
        assertEquals(3, v.problems().stream().filter(p -> !p.contains("holds no worker placeholder")).count(),
                "h-soft-link and c do not exist: " + all);
        TaskFile tf = TaskFiles.load(f);
        org.junit.jupiter.api.Assertions.assertThrows(TaskFileException.class, () -> TaskFiles.checkSafety(tf, root, List.of(), 2));
        assertEquals("precious", Files.readString(root.resolve("f-renamed")));
    }

    @Test
    void aPerIterationRenameOntoAnyExistingRenamedFileIsRefused() throws Exception {
        // iteration 0 alone was checked: f-3-renamed was replaced by the pre-READY warm-up's renames, silently
        Path root = Files.createDirectories(dir.resolve("own"));
        for (int i = 0; i < 6; i++) Files.writeString(root.resolve("f-" + i), "src" + i);
        Path f = write(dir, "t.yaml", "tasks:\n  - {op: rename, path: \"f-{iteration}\"}\n");
        assertEquals(List.of(), TaskFiles.validate(f, root, List.of(), OptionalInt.empty()).problems(),
                "no f-N-renamed exists: nothing to replace");
        Files.writeString(root.resolve("f-3-renamed"), "precious3");
        Files.writeString(root.resolve("f-03-renamed"), "no iteration makes this name");
        String all = joined(TaskFiles.validate(f, root, List.of(), OptionalInt.empty()).problems());
        assertTrue(all.contains("`rename` renames " + root.resolve("f-3") + " to " + root.resolve("f-3-renamed")
                + ", an existing file"), all);
        assertEquals("precious3", Files.readString(root.resolve("f-3-renamed")));
    }

    @Test
    void aSetupEntryOnThePathARenameOrMkdirCreatesIsAnError() throws Exception {
        Path f = write(dir, "t.yaml", """
                setup:
                  - {path: f}
                  - {path: f-renamed}
                  - {path: d, type: directory}
                tasks:
                  - {op: rename, path: f}
                  - {op: mkdir, path: d}
                """);
        TaskFiles.Validation v = TaskFiles.validate(f, dir.resolve("root"), List.of(), OptionalInt.empty());
        String all = joined(v.problems());
        assertTrue(all.contains("`rename` renames `f` to `f-renamed`, which the setup entry at " + f + ":3:12 creates"), all);
        assertTrue(all.contains("`mkdir` creates `d`, which the setup entry at " + f + ":4:12 creates already"), all);
        assertEquals(2, v.problems().size(), all);
    }

    @Test
    void directBuffersBeyondWhatTheJvmMayReserveAreRefusedNamingTheTotal() throws Exception {
        Path f = write(dir, "t.yaml", """
                workers: 3
                tasks:
                  - {op: stat, path: s}
                  - {op: read, path: a, size: 8MiB}
                  - {op: write, path: b, size: 4MiB}
                  - {op: direct-read, path: c, size: 1MiB, blockSize: 4KiB}
                """);
        TaskFile tf = TaskFiles.load(f);
        List<String> problems = new ArrayList<>();
        long perWorker = (8 << 20) + (4 << 20) + (1 << 20) + 4096;
        RunChecks.directMemory(tf, dir, 3, 3 * perWorker, problems);
        assertEquals(List.of(), problems, "exactly the limit fits");
        RunChecks.directMemory(tf, dir, 3, 38L << 20, problems);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith(f + ":4:5: The run would reserve 39.01 MiB of direct buffers (3 workers × "
                + "13.00 MiB, of which this `read` takes 8 MiB each), but the load generator's JVM may reserve at most "
                + "38 MiB"), problems.get(0));
        assertTrue(problems.get(0).contains("Lower `size` or `workers`"), problems.get(0));
        // the real limit of this JVM: 4096 workers of 1 GiB reads are beyond any
        Path big = write(dir, "big.yaml", "workers: 4096\ntasks:\n  - {op: read, path: a, size: 1GiB}\n");
        TaskFiles.Validation v = TaskFiles.validate(big, dir, List.of(), OptionalInt.empty());
        assertTrue(joined(v.problems()).contains("The run would reserve 4194304 MiB of direct buffers"),
                joined(v.problems()));
    }

    @Test
    void jvmSizesParseLikeHotSpot() {
        assertEquals(64L << 20, RunChecks.parseJvmSize("64m"));
        assertEquals(2L << 30, RunChecks.parseJvmSize("2G"));
        assertEquals(1000, RunChecks.parseJvmSize("1000"));
        assertEquals(-1, RunChecks.parseJvmSize("x"));
    }
}
