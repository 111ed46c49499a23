package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A suite's workers, duration and warmup override its tasks' own: run and validate say so, and still run. */
class TaskOverridesNoticeTest {
    @TempDir Path dir;

    private static final String WHY = " (a suite's workers, duration and warmup apply to every task).";

    private Path suite(String settings) throws Exception {
        Files.writeString(dir.resolve("own.yaml"), "name: own\nworkers: 2\nduration: 30s\nwarmup: 5s\n"
                + "tasks:\n  - {op: stat, path: /etc/hostname}\n");
        Files.writeString(dir.resolve("same.yaml"), "name: same\nworkers: 1\nduration: 2s\n"
                + "tasks:\n  - {op: stat, path: /etc/hostname}\n");
        return Files.writeString(dir.resolve("s.yaml"), "name: s\ntasks: [own.yaml, same.yaml]\ntracers: [none]\n"
                + settings + "repetitions: 1\n");
    }

    private static List<String> notes(String err) {
        return err.lines().filter(l -> l.startsWith("Note: ")).toList();
    }

    @Test
    void aDryRunNamesTheTaskWhoseOwnSettingsTheSuiteOverrides() throws Exception {
        Path suite = suite("duration: 2s\n");
        Executed r = Executed.run(new RunCommand(TestTracers::registry), suite.toString(), "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("Note: own.yaml asks for workers 2, duration 30s, warmup 5s; the suite"
                + " runs workers 1, duration 2s, warmup 1s" + WHY), notes(r.err()), "same.yaml asks for what it gets: " + r.err());
        assertTrue(r.out().contains("-own-w1-r1"), "and runs the suite's 1 worker: " + r.out());

        Executed flags = Executed.run(new RunCommand(TestTracers::registry), suite.toString(), "--dry-run",
                "--duration", "30s", "--warmup", "5s");
        assertEquals(0, flags.code(), flags.err());
        assertEquals(List.of("Note: own.yaml asks for workers 2; the suite runs workers 1" + WHY,
                "Note: same.yaml asks for duration 2s; the suite runs duration 30s" + WHY),
                notes(flags.err()), "compared with what this run uses");
    }

    @Test
    void aSuiteMatrixAndAnInlineTaskAreNamedToo() throws Exception {
        Path suite = Files.writeString(dir.resolve("m.yaml"), "name: m\ntasks:\n  - name: inl\n    workers: 3\n"
                + "    tasks: [{op: stat, path: /etc/hostname}]\ntracers: [none]\nworkers: [1, 2]\nrepetitions: 1\n");
        Executed r = Executed.run(new RunCommand(TestTracers::registry), suite.toString(), "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("Note: inline task 'inl' asks for workers 3; the suite runs workers [1, 2]" + WHY), notes(r.err()));
    }

    @Test
    void tasksThatAskForTheSameAreNamedOnOneLine() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        for (String n : List.of("a", "b")) {
            Files.writeString(sub.resolve(n + ".yaml"), "name: " + n + "\nduration: 30s\ntasks:\n  - {op: stat, path: /}\n");
        }
        Path suite = Files.writeString(dir.resolve("g.yaml"), "name: g\ntasks: [sub/a.yaml, sub/b.yaml]\ntracers: [none]\n");
        Executed r = Executed.run(new RunCommand(TestTracers::registry), suite.toString(), "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("Note: sub/a.yaml, sub/b.yaml ask for duration 30s; the suite runs duration 10s" + WHY),
                notes(r.err()), "named as the suite names them, with the suite's default duration");
    }

    @Test
    void validateOfTheSuiteSaysItAndStaysValid() throws Exception {
        Path suite = suite("workers: 2\nduration: 30s\nwarmup: 5s\n");
        Executed same = Executed.run(Main.commandLine(), "validate", suite.toString());
        assertEquals(0, same.code(), same.err());
        assertEquals(List.of("Note: same.yaml asks for workers 1, duration 2s; the suite runs"
                + " workers 2, duration 30s" + WHY), notes(same.err()));
        assertTrue(same.out().startsWith(suite + ": ok (suite"), same.out());
        assertFalse(same.err().contains("own.yaml"), "own.yaml gets what it asks for: " + same.err());
    }
}
