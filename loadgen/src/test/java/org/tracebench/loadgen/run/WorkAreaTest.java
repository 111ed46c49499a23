package org.tracebench.loadgen.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tracebench.loadgen.TestTasks.file;
import static org.tracebench.loadgen.TestTasks.spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.op.OpKind;

/** What a run may remove from its work root when it cannot lock or snapshot it, and what setup writes. */
class WorkAreaTest {
    @TempDir Path root;

    RunConfig cfg() {
        return new RunConfig(file(spec(OpKind.WRITE, "w/{iteration}")), 1, Duration.ofMillis(50), Duration.ZERO,
                OptionalDouble.empty(), root, List.of(), false, false, "POSIX_SPAWN");
    }

    List<Path> tree() throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.sorted().toList();
        }
    }

    @Test void aRunRefusedForABusyWorkRootRemovesNothingAtCleanup() throws Exception {
        Path mine = Files.writeString(root.resolve("mine.txt"), "the user's");
        Engine first = new Engine(cfg());
        first.prepare();
        Path firstsFile = Files.writeString(root.resolve("w/first-run-file"), "x");
        List<Path> before = tree();
        Engine second = new Engine(cfg());
        WorkRootRefusedException e = assertThrows(WorkRootRefusedException.class, second::prepare);
        assertTrue(e.getMessage().startsWith("Another load run is using the work root " + root), e.getMessage());
        second.cleanup(); // as LoadCommand does after any failure; it used to delete everything in the root
        assertEquals(before, tree());
        assertEquals("the user's", Files.readString(mine));
        assertTrue(Files.exists(firstsFile));
        first.run();
        first.cleanup();
        assertEquals(List.of(root, mine), tree(), "the first run still cleans up after itself");
    }

    @Test void aWorkRootWithMoreEntriesThanTheSnapshotHoldsIsRefusedUntouched() throws Exception {
        for (int i = 0; i < 5; i++) Files.writeString(root.resolve("old-" + i), "keep");
        List<Path> before = tree(); // the root and 5 files: 6 entries
        WorkArea tight = new WorkArea(cfg(), 5);
        WorkRootRefusedException e = assertThrows(WorkRootRefusedException.class, tight::snapshot);
        assertTrue(e.getMessage().contains("holds more than 5 entries") && e.getMessage().contains("--work-root"),
                e.getMessage());
        tight.cleanup(Set.of());
        assertEquals(before, tree(), "nothing removed, no lock file left");
        WorkArea roomy = new WorkArea(cfg(), 7); // 6 entries and the lock file fit
        roomy.snapshot();
        Files.writeString(root.resolve("new"), "run's");
        roomy.cleanup(Set.of());
        assertEquals(before, tree());
    }

    @Test void repeatedTextRunsOnAcrossChunks() throws Exception {
        byte[] unit = "abcdefg".getBytes(StandardCharsets.UTF_8);
        Path p = root.resolve("t.txt");
        WorkArea.writeRepeated(p, 70_000, unit);
        byte[] got = Files.readAllBytes(p);
        byte[] want = new byte[70_000];
        for (int i = 0; i < want.length; i++) want[i] = unit[i % unit.length];
        assertArrayEquals(want, got);
        assertEquals('c', (char) got[65_536], "65536 % 7 == 2");
        byte[] big = new byte[70_000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) ('a' + i % 26);
        WorkArea.writeRepeated(p, 150_000, big); // a unit longer than a chunk
        got = Files.readAllBytes(p);
        assertEquals(150_000, got.length);
        for (int i = 0; i < got.length; i++) if (got[i] != big[i % big.length]) throw new AssertionError("byte " + i);
        WorkArea.writeRepeated(p, 5, new byte[0]);
        assertArrayEquals(new byte[5], Files.readAllBytes(p), "no text: zeros");
    }

    RunConfig cfg(org.tracebench.loadgen.task.TaskFile task) {
        return new RunConfig(task, 1, Duration.ofMillis(50), Duration.ZERO, OptionalDouble.empty(), root, List.of(),
                false, false, "POSIX_SPAWN");
    }

    @Test void aCompanionPathIsNeverCreatedInAdvance() throws Exception {
        // a 64 KiB file on a-soft-link for the stat made every soft-link fail with EEXIST
        Engine e = new Engine(cfg(file(spec(OpKind.SOFT_LINK, "a"), spec(OpKind.STAT, "a-soft-link"))));
        try {
            e.prepare();
            assertTrue(Files.isRegularFile(root.resolve("a")), "the soft-link's own target is made");
            assertTrue(Files.notExists(root.resolve("a-soft-link"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        } finally {
            e.cleanup();
        }
    }

    @Test void aSetupEntryThatCannotBeCreatedIsNamedWithItsLineAndTheReasonInWords() throws Exception {
        org.tracebench.loadgen.task.SourceLocation at = new org.tracebench.loadgen.task.SourceLocation(
                Path.of("t.yaml"), 4, 11);
        var a = new org.tracebench.loadgen.task.SetupFile("a", org.tracebench.loadgen.task.SetupFile.Kind.FILE, 8,
                null, null, null, at);
        var ab = new org.tracebench.loadgen.task.SetupFile("a/b", org.tracebench.loadgen.task.SetupFile.Kind.FILE, 8,
                null, null, null, at);
        Engine e = new Engine(cfg(file(List.of(a, ab), spec(OpKind.STAT, "a"))));
        java.io.IOException x = assertThrows(java.io.IOException.class, e::prepare);
        e.cleanup();
        // it said "FileAlreadyExistsException on /…/a", and a task path's parent directory just "/…/pf"
        assertEquals("Creating the setup file " + root.resolve("a/b") + " (t.yaml:4:11) in the work root " + root
                + " failed: a file (not a directory) is in the way (" + root.resolve("a") + ")", x.getMessage());
        Files.writeString(root.resolve("pf"), "x");
        Engine w = new Engine(cfg(file(spec(OpKind.WRITE, "pf/y"))));
        x = assertThrows(java.io.IOException.class, w::prepare);
        w.cleanup();
        assertEquals("Creating the directory " + root.resolve("pf") + " for `write` in the work root " + root
                + " failed: a file (not a directory) is in the way (" + root.resolve("pf") + ")", x.getMessage());
    }
}
