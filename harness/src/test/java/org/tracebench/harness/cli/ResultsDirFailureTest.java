package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.tracers.testing.Requirements;
import picocli.CommandLine;

/**
 * A results directory removed, or its file system filled, while a trial measures: the run stops with exit 1 and a
 * sentence, nothing is recreated, the trial that could not be written is not recorded. Real runs, real file systems.
 */
class ResultsDirFailureTest {
    private static final String FIRST = "001-none-tiny-task-w1-r1";

    /** A run of two none trials into {@code out} on its own thread; {@code output} collects stdout and stderr. */
    private record Run(Thread thread, int[] code, StringWriter output, List<Long> children) {
        int join() throws InterruptedException {
            thread.join(120_000);
            assertFalse(thread.isAlive(), output.toString());
            return code[0];
        }
    }

    private static Run start(Path tmp, Path out) throws Exception {
        Requirements.requireRoot();
        Path suite = SuiteFixture.write(tmp, "dirgone", List.of("none"), "1s", 2);
        StringWriter o = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand(TestTracers::registry));
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(o));
        int[] code = {-1};
        Thread t = new Thread(() -> code[0] = cl.execute(suite.toString(), "--out", out.toString()));
        t.start();
        return new Run(t, code, o, new ArrayList<>());
    }

    /** The results directory once trial 1 is measuring (its sampler's temporary CSV exists), its children noted. */
    private static Path awaitFirstWindow(Path out, Run run) throws Exception {
        long end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end) {
            if (Files.isDirectory(out)) {
                try (var s = Files.list(out)) {
                    for (Path d : s.toList()) {
                        if (Files.exists(d.resolve("trials").resolve(FIRST).resolve(".system.csv.tmp"))) {
                            run.children().addAll(NoLeftovers.descendants());
                            return d;
                        }
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("trial 1 never started measuring: " + run.output());
    }

    @Test
    void aResultsDirectoryRemovedMidTrialStopsTheRunAndIsNotRecreated(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Run run = start(tmp, out);
        Path results = awaitFirstWindow(out, run);
        org.tracebench.harness.results.ResultsDir.deleteTree(results); // rm -rf mid-window
        int code = run.join();
        String text = run.output().toString();
        assertEquals(1, code, text);
        assertTrue(text.contains("The results directory " + results + " has gone (its manifest.json is missing)"), text);
        assertFalse(text.contains("002-none"), "nothing more is run: " + text);
        assertFalse(text.contains("report.md and charts"), text);
        assertFalse(Files.exists(results), "the removed results directory is not recreated: " + text);
        NoLeftovers.assertNone(ProcessHandle.current().pid(), run.children());
    }

    @Test
    void aFullResultsFileSystemStopsTheRunWithTheResumeCommand(@TempDir Path tmp) throws Exception {
        Requirements.requireRoot(); // mounts a 4 MiB tmpfs as --out
        Path out = Files.createDirectories(tmp.resolve("out"));
        assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", out.toString())
                .inheritIO().start().waitFor(), "mount a tmpfs");
        boolean passed = false;
        try {
            Run run = start(tmp, out);
            Path results = awaitFirstWindow(out, run);
            // as a tracer's raw output does: in the trial's .tracer/, so discarding the trial frees the room
            fill(results.resolve("trials").resolve(FIRST).resolve(".tracer").resolve("filler"));
            int code = run.join();
            String text = run.output().toString();
            assertEquals(1, code, text);
            assertTrue(text.contains("Could not write to the results directory " + results + ": No space left on device ("
                    + results.resolve("trials").resolve(FIRST)), "names the file: " + text);
            assertTrue(text.contains("a trial needs room while it runs for its tracer's raw output in"
                    + " trials/<trial>/.tracer/"), text);
            assertTrue(text.contains("continue with: ./tracebench run --resume " + results), text);
            assertFalse(text.contains("INVALID"), "not blamed on the tracer or the load: " + text);
            assertFalse(text.contains("002-none"), "nothing more is run: " + text);
            String summary = Files.readString(results.resolve("summary.json"));
            assertTrue(summary.replaceAll("\\s", "").contains("\"unfinished\":0,"), "the discarded trial is no unfinished one: " + summary);
            assertTrue(summary.replaceAll("\\s", "").contains("\"notRun\":2"), summary);
            assertTrue(Files.isRegularFile(results.resolve("manifest.json")), "what was written stays");
            assertFalse(Files.exists(results.resolve("trials").resolve(FIRST).resolve("trial.json")),
                    "the trial that could not be written is not recorded, so --resume runs it again");
            NoLeftovers.assertNone(ProcessHandle.current().pid(), run.children());
            passed = true;
        } finally {
            if (new ProcessBuilder("umount", out.toString()).inheritIO().start().waitFor() != 0) {
                new ProcessBuilder("umount", "-l", out.toString()).inheritIO().start().waitFor();
                if (passed) throw new AssertionError("the tmpfs was still in use: the harness left a file in it open");
            }
        }
    }

    /** Writes {@code f} until the file system is full: every page taken. */
    private static void fill(Path f) {
        try (var out = Files.newOutputStream(f)) {
            for (int chunk : new int[] {65536, 4096, 1}) {
                try {
                    while (true) out.write(new byte[chunk]);
                } catch (java.io.IOException e) {
                    // full at this granularity: try a smaller one
                }
            }
        } catch (java.io.IOException e) {
            // closing a full file
        }
    }
}
