package org.tracebench.loadgen.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tracebench.loadgen.TestTasks.file;
import static org.tracebench.loadgen.TestTasks.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.loadgen.TestTasks;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.result.GroundTruth;
import org.tracebench.loadgen.result.LoadResult;
import org.tracebench.loadgen.result.OpResult;
import org.tracebench.loadgen.task.OpOptions;
import org.tracebench.loadgen.task.SetupFile;
import org.tracebench.loadgen.task.SourceLocation;
import org.tracebench.loadgen.task.TaskFile;

/** The engine on real files: warm-up, duration, rate, errors, fail-fast, cleanup, ground truth. */
class EngineTest {
    @TempDir Path root;

    RunConfig cfg(TaskFile t, int workers, long durationMs, long warmupMs, Double rate, boolean keep, boolean failFast) {
        return new RunConfig(t, workers, Duration.ofMillis(durationMs), Duration.ofMillis(warmupMs),
                rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate), root, List.of(), keep, failFast,
                "POSIX_SPAWN");
    }

    static LoadResult run(RunConfig c) throws Exception {
        Engine e = new Engine(c);
        e.prepare();
        LoadResult r = e.run();
        e.cleanup();
        return r;
    }

    @Test void warmupOperationsAreInTheGroundTruthButNotInTheStatistics() throws Exception {
        LoadResult r = run(cfg(file(spec(OpKind.STAT, "s{worker}")), 2, 300, 300, null, false, false));
        OpResult stat = r.ops().get(OpKind.STAT);
        long truth = r.groundTruth().ops().get(OpKind.STAT).count();
        assertTrue(stat.count() > 0, "measured ops");
        assertTrue(truth > stat.count(), "warm-up ops happened (" + truth + ") but were not counted (" + stat.count() + ")");
        assertEquals(0, stat.errors());
        assertEquals(0.3, r.durationSeconds(), 1e-9);
        assertEquals(0.3, r.warmupSeconds(), 1e-9);
        assertEquals(stat.count(), r.timeSeries().stream().mapToLong(m -> m.getOrDefault(OpKind.STAT, 0L)).sum());
        assertEquals(r.iterations().count() * 1.0, stat.count() * 1.0, 0.0, "one stat per iteration");
        assertTrue(stat.latency().p50Nanos() > 0 && stat.latency().maxNanos() >= stat.latency().p99Nanos());
    }

    @Test void thePreReadyJitWarmupLeavesNothingInTheResult() throws Exception {
        // The JIT warm-up runs these ops thousands of times through the measured path before GO; with no GO warm-up,
        // every count, path and error in the result must come from the measured window alone.
        var t = file(spec(OpKind.WRITE, "w/{iteration}"), spec(OpKind.STAT, "s"),
                spec(OpKind.READ, "/nonexistent-tracebench/f"));
        LoadResult r = run(cfg(t, 1, 200, 0, null, false, false));
        OpResult write = r.ops().get(OpKind.WRITE);
        GroundTruth.PathSet truth = r.groundTruth().ops().get(OpKind.WRITE);
        assertTrue(write.count() > 0);
        assertEquals(write.count(), truth.count(), "ground truth counts only measured writes");
        assertEquals(write.count(), truth.paths().size(), "one distinct path per measured iteration");
        assertEquals(r.ops().get(OpKind.STAT).count(), r.groundTruth().ops().get(OpKind.STAT).count());
        assertEquals(write.count(), r.timeSeries().stream().mapToLong(m -> m.getOrDefault(OpKind.WRITE, 0L)).sum());
        OpResult read = r.ops().get(OpKind.READ);
        assertEquals(r.iterations().failed(), read.errors(), "one failed read per measured iteration");
        assertEquals(0, r.iterations().count(), "no iteration without an error");
        assertTrue(read.errorSamples().stream().noneMatch(s -> s.contains("warm-up")), read.errorSamples().toString());
        assertTrue(write.latency().maxNanos() < 1_000_000_000L, "no made-up latency survives");
    }

    @Test void durationSetsTheTimeSeriesLengthAndTheRateDenominator() throws Exception {
        LoadResult r = run(cfg(file(spec(OpKind.OPEN, "o")), 1, 1500, 0, null, false, false));
        assertEquals(2, r.timeSeries().size());
        OpResult o = r.ops().get(OpKind.OPEN);
        assertEquals(o.count() / 1.5, o.opsPerSecond(), 1e-6);
        assertFalse(r.stoppedEarly());
    }

    @Test void rateModeRecordsIterationLatencyFromTheIntendedStart() throws Exception {
        // Each iteration runs `sleep 0.03` (>= 30 ms) but 100 are intended per second: a backlog builds up, and
        // latency measured from the intended start grows far beyond the service time.
        var t = file(spec(OpKind.EXECUTE_SUBPROC, new OpOptions(0, 0, List.of("0.03"), null), "sleep"));
        LoadResult r = run(cfg(t, 1, 800, 0, 100.0, false, false));
        OpResult exec = r.ops().get(OpKind.EXECUTE_SUBPROC);
        assertTrue(exec.count() >= 5, "iterations ran: " + exec.count());
        assertTrue(exec.count() < 80, "the rate caps the count at the intended starts only: " + exec.count());
        long service = exec.latency().p50Nanos();
        long response = r.iterations().latency().maxNanos();
        assertTrue(response > 5 * service, "response " + response + " ns vs service " + service + " ns");
        assertEquals(100.0, r.rate());
        // 80 starts were intended in 800 ms, about 26 done: the rest are the backlog, timed up to the end, not counted
        long done = r.iterations().count(), unfinished = r.iterations().unfinished();
        assertTrue(unfinished > 20, "the backlog at the end: " + unfinished);
        assertTrue(done + unfinished >= 78 && done + unfinished <= 81, "every intended start is accounted for: "
                + done + " done + " + unfinished + " unfinished");
    }

    @Test void anOpenLoopThatNeverFinishesAnIterationStillHasItsLatency() throws Exception {
        // `sleep 5` at 100 iterations/s in a 500 ms window: the first is cut short, none finishes; before, the
        // iteration latency was empty (0), as if nothing had waited
        var t = file(spec(OpKind.EXECUTE_SUBPROC, new OpOptions(0, 0, List.of("5"), null), "sleep"));
        LoadResult r = run(cfg(t, 1, 500, 0, 100.0, false, false));
        assertEquals(0, r.iterations().count());
        assertTrue(r.iterations().unfinished() >= 48 && r.iterations().unfinished() <= 51, "" + r.iterations().unfinished());
        assertTrue(r.iterations().latency().maxNanos() >= 450_000_000L, "the first waited the whole window: "
                + r.iterations().latency().maxNanos());
        assertTrue(r.iterations().latency().p50Nanos() >= 200_000_000L, "" + r.iterations().latency().p50Nanos());
        assertEquals(java.util.Map.of("p50", true, "p90", true, "p99", true, "p999", true, "max", true),
                r.iterations().latencyLowerBound(), "none finished: every percentile is a lower bound");
    }

    @Test void anExecWhoseBinaryExitsNonZeroIsDoneCountedInTheGroundTruthAndNotedApart() throws Exception {
        // false ran and was waited for: the tracer sees its exec; before, such ops were errors and the ground truth
        // said 0 execs while childPids listed every one
        var t = file(spec(OpKind.EXECUTE_SUBPROC, "false"), spec(OpKind.EXECUTE_SUBTHREAD, "false"));
        LoadResult r = run(cfg(t, 1, 300, 0, null, false, false));
        for (OpKind k : List.of(OpKind.EXECUTE_SUBPROC, OpKind.EXECUTE_SUBTHREAD)) {
            OpResult o = r.ops().get(k);
            assertTrue(o.count() > 0, k + " counted");
            assertEquals(0, o.errors(), k + " is no error");
            assertEquals(o.count(), o.nonZeroExits(), k + ": every one exited 1");
            assertEquals(o.count(), r.groundTruth().ops().get(k).count(), k + " in the ground truth");
            assertEquals(List.of(), o.errorSamples(), k + ": no error, so no error sample");
            assertTrue(o.nonZeroExitSamples().get(0).endsWith("/false exited with status 1"), o.nonZeroExitSamples().toString());
            assertEquals(o.nonZeroExits(), o.toJson().get("nonZeroExits"));
        }
        assertEquals(0, r.iterations().failed(), "no iteration failed");
        assertTrue(org.tracebench.loadgen.result.ResultTable.format(r).contains("exec(s) exited with a status other than 0"), org.tracebench.loadgen.result.ResultTable.format(r));
    }

    @Test void rateModeWithSpareCapacityRunsAtTheRate() throws Exception {
        LoadResult r = run(cfg(file(spec(OpKind.STAT, "x")), 2, 1000, 0, 50.0, false, false));
        long n = r.ops().get(OpKind.STAT).count();
        assertTrue(n >= 80 && n <= 102, "about 2 workers x 50/s x 1 s, got " + n);
        assertTrue(r.iterations().unfinished() <= 2, "no backlog, at most one cut short per worker: " + r.iterations().unfinished());
        String inFlight = org.tracebench.loadgen.result.ResultTable.format(withUnfinished(r, 2));
        assertTrue(inFlight.contains("2 iteration(s) intended in the window had not finished when it ended: at most one"
                + " in flight per worker, no backlog;"), inFlight);
        String behind = org.tracebench.loadgen.result.ResultTable.format(withUnfinished(r, 3));
        assertTrue(behind.contains("3 iteration(s) intended in the window had not finished when it ended: the load could"
                + " not keep up with the rate;"), behind);
    }

    /** {@code r} as if its window's end had left {@code unfinished} iterations unfinished. */
    private static LoadResult withUnfinished(LoadResult r, long unfinished) {
        var i = r.iterations();
        return new LoadResult(r.task(), r.workers(), r.durationSeconds(), r.warmupSeconds(), r.rate(), r.launchMechanism(),
                r.pid(), r.startedAt(), r.ops(), new org.tracebench.loadgen.result.IterationResult(i.count(), i.perSecond(),
                i.latency(), i.failed(), unfinished), r.timeSeries(), r.groundTruth(), r.histograms(), r.failure(),
                r.stoppedEarly(), r.jitCompiler());
    }

    @Test void failuresAreCountedWithSamplesAndTheRunGoesOn() throws Exception {
        var t = file(spec(OpKind.READ, "/nonexistent-tracebench/{worker}/f"), spec(OpKind.STAT, "ok"));
        LoadResult r = run(cfg(t, 1, 200, 0, null, false, false));
        OpResult read = r.ops().get(OpKind.READ);
        assertEquals(0, read.count());
        assertTrue(read.errors() > 5);
        assertEquals(5, read.errorSamples().size());
        assertTrue(read.errorSamples().get(0).contains("/nonexistent-tracebench/0/f"), read.errorSamples().get(0));
        assertTrue(r.ops().get(OpKind.STAT).count() > 0);
        assertTrue(r.failure().isEmpty());
    }

    /**
     * Before 2026-12-07 a failed restore was counted as an error of an op already counted as a success (count plus
     * errors exceeded the attempts), and its iteration as a good one. The restore fails here on every iteration:
     * an append-only directory (chattr +a) lets soft-link create its link but not unlink it.
     */
    @Test void aFailedRestoreIsARestoreErrorNotAnErrorAndFailsItsIteration() throws Exception {
        Path ad = Files.createDirectory(root.resolve("ad"));
        if (chattr("+a", ad) != 0) org.junit.jupiter.api.Assumptions.abort("chattr +a needs root and ext4, xfs or tmpfs");
        LoadResult r;
        Engine e = new Engine(cfg(file(spec(OpKind.SOFT_LINK, "ad/s{iteration}")), 1, 200, 0, null, false, false));
        try {
            e.prepare();
            r = e.run();
        } finally {
            chattr("-a", ad);
            e.cleanup();
        }
        OpResult o = r.ops().get(OpKind.SOFT_LINK);
        assertTrue(o.count() > 0, "the links were made");
        assertEquals(0, o.errors());
        assertEquals(o.count(), o.restoreErrors(), "every unlink of the link failed");
        assertEquals(List.of(), o.errorSamples(), "no error, so no error sample");
        String sample = o.restoreErrorSamples().get(0);
        assertTrue(sample.startsWith("restore after a successful op on " + ad + "/s"), sample);
        assertTrue(sample.matches(".*: \\S*/ad/s\\d+-soft-link: Operation not permitted"), "names the link: " + sample);
        assertEquals(0, r.iterations().count(), "no iteration without an error");
        assertEquals(o.count(), r.iterations().failed());
    }

    static int chattr(String flag, Path p) throws Exception {
        return new ProcessBuilder("chattr", flag, p.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    @Test void failFastEndsTheRunAtTheFirstFailure() throws Exception {
        var t = file(spec(OpKind.READ, "/nonexistent-tracebench/f"));
        LoadResult r = run(cfg(t, 2, 60_000, 0, null, false, true));
        assertTrue(r.failure().isPresent());
        assertTrue(r.failure().get().contains("read failed"), r.failure().get());
        assertEquals(0, r.iterations().count(), "the failed iterations are not counted");
        assertTrue(r.stoppedEarly());
        assertTrue(r.durationSeconds() < 60);
    }

    @Test void stopBeforeGoYieldsAnEmptyResult() throws Exception {
        Engine e = new Engine(cfg(file(spec(OpKind.STAT, "s")), 1, 60_000, 1000, null, false, false));
        e.prepare();
        e.stop();
        LoadResult r = e.run();
        e.cleanup();
        assertEquals(0, r.ops().get(OpKind.STAT).count());
        assertEquals(0.0, r.durationSeconds());
        assertTrue(r.stoppedEarly());
    }

    @Test void stopFromAnotherThreadEndsTheRunEarly() throws Exception {
        Engine e = new Engine(cfg(file(spec(OpKind.STAT, "s")), 1, 60_000, 0, 10.0, false, false));
        e.prepare();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                // stop anyway
            }
            e.stop();
        });
        stopper.start();
        LoadResult r = e.run();
        stopper.join();
        e.cleanup();
        assertTrue(r.stoppedEarly());
        assertTrue(r.durationSeconds() < 60);
    }

    @Test void cleanupRemovesOnlyWhatTheRunCreated() throws Exception {
        Path old = Files.writeString(root.resolve("old.txt"), "keep me");
        var setup = List.of(new SetupFile("in/{worker}.dat", SetupFile.Kind.FILE, 8192, SetupFile.Content.RANDOM,
                null, 0600, SourceLocation.UNKNOWN));
        var t = file(setup, spec(OpKind.WRITE, "out/{worker}/{iteration}.dat"), spec(OpKind.DIRECT_READ, "in/{worker}.dat"));
        LoadResult r = run(cfg(t, 2, 200, 0, null, false, false));
        assertEquals(0, r.ops().get(OpKind.DIRECT_READ).errors(), r.ops().get(OpKind.DIRECT_READ).errorSamples().toString());
        assertTrue(r.ops().get(OpKind.WRITE).count() > 0);
        try (Stream<Path> s = Files.walk(root)) {
            assertEquals(List.of(root, old), s.sorted().toList());
        }
        assertEquals("keep me", Files.readString(old));
    }

    @Test void keepLeavesTheCreatedFiles() throws Exception {
        var setup = List.of(new SetupFile("in.dat", SetupFile.Kind.FILE, 8192, SetupFile.Content.RANDOM, null, null,
                SourceLocation.UNKNOWN));
        LoadResult r = run(cfg(file(setup, spec(OpKind.WRITE, "out/{worker}.dat")), 1, 100, 0, null, true, false));
        assertTrue(r.ops().get(OpKind.WRITE).count() > 0);
        assertEquals(8192, Files.size(root.resolve("in.dat")));
        assertEquals(OpOptions.DEFAULT_SIZE_BYTES, Files.size(root.resolve("out/0.dat")));
    }

    @Test void setupFilesExistBeforeTheRun() throws Exception {
        var setup = List.of(
                new SetupFile("d/{worker}", SetupFile.Kind.DIRECTORY, 0, null, null, null, SourceLocation.UNKNOWN),
                new SetupFile("t.txt", SetupFile.Kind.FILE, 10, SetupFile.Content.TEXT, "abc", null, SourceLocation.UNKNOWN),
                new SetupFile("z", SetupFile.Kind.FILE, 3, SetupFile.Content.ZERO, null, null, SourceLocation.UNKNOWN));
        Engine e = new Engine(cfg(file(setup, spec(OpKind.STAT, "t.txt")), 2, 100, 0, null, false, false));
        e.prepare();
        assertTrue(Files.isDirectory(root.resolve("d/0")) && Files.isDirectory(root.resolve("d/1")));
        assertEquals("abcabcabca", Files.readString(root.resolve("t.txt")));
        assertEquals(3, Files.size(root.resolve("z")));
        e.stop();
        e.run();
        e.cleanup();
        assertFalse(Files.exists(root.resolve("t.txt")));
    }

    @Test void groundTruthHoldsAbsolutePathsCompanionsAndChildPids() throws Exception {
        var t = file(spec(OpKind.RENAME, "r/%d"), spec(OpKind.WRITE, "w/{worker}-{iteration}"),
                spec(OpKind.EXECUTE_SUBPROC, TestTasks.trueBinary()));
        LoadResult r = run(cfg(t, 2, 300, 100, null, false, false));
        GroundTruth g = r.groundTruth();
        assertEquals(ProcessHandle.current().pid(), g.pid());
        assertEquals(List.of(root + "/r/0", root + "/r/0-renamed", root + "/r/1", root + "/r/1-renamed"),
                g.ops().get(OpKind.RENAME).paths());
        GroundTruth.PathSet w = g.ops().get(OpKind.WRITE);
        assertEquals(w.count(), w.paths().size(), "one distinct path per iteration");
        assertTrue(w.paths().contains(root + "/w/1-0"));
        assertFalse(w.pathsTruncated());
        GroundTruth.PathSet ex = g.ops().get(OpKind.EXECUTE_SUBPROC);
        assertEquals(List.of(TestTasks.trueBinary()), ex.paths());
        assertEquals(ex.count(), g.childPids().size());
        assertTrue(g.childPids().stream().allMatch(p -> p > 0));
        assertEquals(g.childPids().size(), g.childPids().stream().distinct().count());
    }

    @Test void iterationPathsAreNotReusedAfterTheJitWarmup() throws Exception {
        // worker 0 ran the pre-READY JIT warm-up from iteration 0 on; after GO it continues, so the ground truth
        // (what a tracer attached at READY sees) never names a path the untraced warm-up already touched
        var t = file(spec(OpKind.WRITE, "w/{worker}-{iteration}"));
        LoadResult r = run(cfg(t, 2, 200, 50, null, true, false));
        List<String> paths = r.groundTruth().ops().get(OpKind.WRITE).paths();
        assertTrue(Files.exists(root.resolve("w/0-0")), "the JIT warm-up wrote iteration 0");
        assertFalse(paths.contains(root + "/w/0-0"), "worker 0's counter continued after the JIT warm-up");
        assertTrue(paths.contains(root + "/w/1-0"), "worker 1 had no JIT warm-up");
        assertEquals(0, r.ops().get(OpKind.WRITE).errors());
    }

    @Test void aSecondRunInTheSameWorkRootIsRefusedUntilTheFirstEnds() throws Exception {
        Engine first = new Engine(cfg(file(spec(OpKind.STAT, "s")), 1, 100, 0, null, false, false));
        first.prepare();
        Engine second = new Engine(cfg(file(spec(OpKind.STAT, "s")), 1, 100, 0, null, false, false));
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, second::prepare);
        assertTrue(e.getMessage().contains("Another load run is using the work root " + root), e.getMessage());
        first.run();
        first.cleanup();
        assertFalse(Files.exists(root.resolve(".tracebench.lock")), "lock file removed with the run's files");
        Engine third = new Engine(cfg(file(spec(OpKind.STAT, "s")), 1, 100, 0, null, true, false));
        third.prepare();
        third.run();
        third.cleanup();
        assertFalse(Files.exists(root.resolve(".tracebench.lock")), "released and removed with --keep too");
    }

    @Test void cleanupAlsoRemovesTheParentsOfTheWorkRootItCreated() throws Exception {
        Path nested = root.resolve("a/b/work");
        RunConfig c = new RunConfig(file(spec(OpKind.WRITE, "f")), 1, Duration.ofMillis(100), Duration.ZERO,
                OptionalDouble.empty(), nested, List.of(), false, false, "POSIX_SPAWN");
        LoadResult r = run(c);
        assertTrue(r.ops().get(OpKind.WRITE).count() > 0);
        assertFalse(Files.exists(root.resolve("a")), "a/b/work and its new parents a/b and a are gone");
        assertTrue(Files.isDirectory(root));
    }

    @Test void cleanupLeavesAnotherRunsWorkRootInsideItsOwnAlone() throws Exception {
        // as /var/tmp/tracebench (the default work root) holds /var/tmp/tracebench/mixed: run A here, run B in
        // inner/ in another process, started after A's snapshot. A's cleanup used to delete B's files while B ran.
        Engine a = new Engine(cfg(file(spec(OpKind.WRITE, "a/{iteration}")), 1, 100, 0, null, false, false));
        a.prepare();
        Path inner = Files.createDirectories(root.resolve("inner"));
        Path data = Files.write(inner.resolve("data"), new byte[] {1});
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process b = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                inner.resolve(WorkArea.LOCK_NAME).toString()).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(b.getInputStream()));
            assertEquals("locked", out.readLine(), "the other run holds its work root's lock");
            a.run();
            a.cleanup();
            assertTrue(Files.exists(data), "the other run's file survived");
            assertTrue(Files.exists(inner.resolve(WorkArea.LOCK_NAME)));
            assertFalse(Files.exists(root.resolve("a")), "run A's own files are gone");
            assertFalse(Files.exists(root.resolve(WorkArea.LOCK_NAME)), "and its lock file");
        } finally {
            b.getOutputStream().close();
            assertTrue(b.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        // once B has ended its lock is free, and a root it left behind is an ordinary directory again
        Engine c = new Engine(cfg(file(spec(OpKind.STAT, "s")), 1, 50, 0, null, false, false));
        Files.delete(data);
        Files.delete(inner.resolve(WorkArea.LOCK_NAME));
        c.prepare();
        c.run();
        c.cleanup();
        assertTrue(Files.isDirectory(inner), "existed before run C, so C keeps it");
    }

    /** Another run's process: holds an fcntl lock on args[0] (as WorkArea does) until stdin closes. */
    static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(Path.of(args[0]),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
                ch.lock();
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() >= 0) { /* until the test closes stdin */ }
            }
        }
    }
}
