package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.completeness.Expectations;
import org.tracebench.harness.results.ResultsDir;
import org.tracebench.harness.sampling.Sampler;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.FileOp;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.testing.Requirements;
import picocli.CommandLine;

/** A whole suite as root with every real tracer available here, checking what the result files say. */
class RunEndToEndTest {

    static Map<String, Object> json(Path f) throws Exception {
        @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) ResultsDir.readJson(f);
        return m;
    }

    static Path onlyResultsDir(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out)) {
            List<Path> l = s.toList();
            assertEquals(1, l.size(), l.toString());
            return l.get(0);
        }
    }

    static List<Path> trialDirs(Path results) throws Exception {
        try (Stream<Path> s = Files.list(results.resolve("trials"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void tinySuiteWithEveryAvailableTracer(@TempDir Path tmp) throws Exception {
        Requirements.requireRoot();
        List<Tracer> real = TestTracers.availableReal();
        Requirements.require(!real.isEmpty(), "No real tracer backend is available here.");
        List<String> names = new ArrayList<>(real.stream().map(Tracer::name).toList());
        Path suite = SuiteFixture.write(tmp, "e2e", names, "1s", 1);
        Path out = tmp.resolve("out");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand(TestTracers::registry));
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        // what a harness killed with SIGKILL leaves: a cgroup and a tracer without its harness, removed before trial 1
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path staleCgroup = org.tracebench.tracers.sys.Cgroups.v2Root().map(r -> r.resolve("tracebench-" + gone.pid() + "-test-e2e"))
                .orElse(null);
        if (staleCgroup != null) Files.createDirectory(staleCgroup);
        ProcessBuilder orphanPb = new ProcessBuilder("sleep", "600");
        orphanPb.environment().put(org.tracebench.tracers.proc.HarnessBound.MARKER, Long.toString(gone.pid()));
        Process orphan = orphanPb.start();
        while (!orphan.info().command().map(c -> c.endsWith("sleep")).orElse(false)) Thread.sleep(10);
        // and a cgroup of another live "harness": with --allow-concurrent-runs a warning, and the cgroup is left alone
        Process other = new ProcessBuilder("sleep", "600").start();
        Path liveCgroup = staleCgroup == null ? null : staleCgroup.resolveSibling("tracebench-" + other.pid() + "-test-e2e");
        if (liveCgroup != null) Files.createDirectory(liveCgroup);
        int code;
        try {
            // without the flag the other "harness" would refuse the run (RunLocksTest); with it, a warning
            code = cl.execute(suite.toString(), "--out", out.toString(), "--allow-concurrent-runs");
            assertTrue(liveCgroup == null || Files.isDirectory(liveCgroup), "a live owner's cgroup is not touched");
        } finally {
            orphan.destroyForcibly();
            other.destroyForcibly();
            if (staleCgroup != null) Files.deleteIfExists(staleCgroup);
            if (liveCgroup != null) Files.deleteIfExists(liveCgroup);
        }
        assertTrue(liveCgroup == null || e.toString().contains("Warning: another tracebench process (pid " + other.pid()
                + ") is running trials on this machine"), e.toString());
        assertEquals(0, code, o + "\n" + e);
        String removed = o.toString().lines().filter(l -> l.startsWith("Removed what killed tracebench runs left behind: "))
                .findFirst().orElse("");
        assertTrue(removed.contains("process " + orphan.pid() + " (sleep)"), o.toString());
        assertTrue(staleCgroup == null || removed.contains("cgroup " + staleCgroup), o.toString());
        assertTrue(orphan.waitFor(5, java.util.concurrent.TimeUnit.SECONDS));
        Path results = onlyResultsDir(out);
        assertTrue(o.toString().contains("Results: " + results), o.toString());
        assertTrue(o.toString().contains("(report.md and charts: ./tracebench report " + results), o.toString());
        assertTrue(o.toString().contains("× none"), o.toString());

        Map<String, Object> manifest = json(results.resolve("manifest.json"));
        assertEquals("e2e", manifest.get("suite"));
        assertEquals(42, ((Number) manifest.get("seed")).intValue());
        @SuppressWarnings("unchecked") Map<String, Object> env = (Map<String, Object>) manifest.get("environment");
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim(), env.get("kernel"));
        assertEquals(Runtime.getRuntime().availableProcessors(), ((Number) env.get("cores")).intValue());
        assertTrue(((Number) env.get("memoryBytes")).longValue() > 0);
        assertEquals(org.tracebench.loadgen.cli.LoadJvmOptions.BASE, env.get("loadJvmArguments"));
        @SuppressWarnings("unchecked") Map<String, Object> versions = (Map<String, Object>) manifest.get("tracerVersions");
        assertTrue(versions.keySet().containsAll(names), versions.toString());
        assertEquals(names.size() + 1, ((List<?>) manifest.get("plan")).size());
        assertTrue(liveCgroup == null || ((List<?>) ((Map<?, ?>) ((List<?>) manifest.get("overlappedRuns")).get(0))
                .get("otherPids")).stream().anyMatch(p -> ((Number) p).longValue() == other.pid()),
                "the overlap is recorded: " + manifest.get("overlappedRuns"));

        List<Path> trials = trialDirs(results);
        assertEquals(names.size() + 1, trials.size());
        for (Path t : trials) checkTrial(t, real);
        // every trial after the first overlaps its setup with the one before, a launching tracer's (strace-seccomp) too
        for (int i = 0; i < trials.size(); i++) {
            Map<String, Object> t = json(trials.get(i).resolve("trial.json"));
            Map<?, ?> timings = (Map<?, ?>) t.get("timings");
            assertEquals(i > 0, Boolean.TRUE.equals(timings.get("setupAhead")), trials.get(i) + ": " + timings);
            assertTrue(timings.get("goWaitSeconds") instanceof Number, timings.toString());
            assertTrue(timings.get("syncSeconds") instanceof Number && timings.get("dirtyKbBeforeSync") instanceof Number
                    && ((Number) timings.get("dirtyKbBeforeSync")).longValue() >= 0 && !timings.containsKey("syncProblem"),
                    "the page cache was written back before the window: " + timings);
            if (i > 0) assertTrue(timings.get("setupSeconds") instanceof Number, trials.get(i) + ": " + timings);
        }
        assertTrue(names.stream().anyMatch(n -> real.stream().anyMatch(r -> r.name().equals(n) && r instanceof Tracer.Launching))
                        || !Requirements.strict(), "a launching tracer (strace-seccomp) took part: " + names);

        List<String> csv = Files.readAllLines(results.resolve("summary.csv"));
        assertEquals("suite,tracer,workload,workers,repetition,metric,value,unit,trial,block,position", csv.get(0));
        for (String n : names) {
            assertTrue(csv.stream().anyMatch(l -> l.startsWith("e2e," + n + ",tiny-task,1,1,throughput,")), n + " in summary.csv");
        }
        Map<String, Object> summary = json(results.resolve("summary.json"));
        assertEquals(names.size() + 1, ((Number) ((Map<?, ?>) summary.get("trials")).get("valid")).intValue());
        NoLeftovers.assertNone(ProcessHandle.current().pid(), NoLeftovers.descendants());
    }

    @SuppressWarnings("unchecked")
    private static void checkTrial(Path dir, List<Tracer> real) throws Exception {
        Map<String, Object> t = json(dir.resolve("trial.json"));
        String tracer = (String) t.get("tracer");
        assertEquals("tracebench-trial/1", t.get("schema"));
        assertEquals("ok", t.get("status"), dir + ": " + t.get("invalidReason") + "\n" + t.get("stderrTail"));
        assertNull(t.get("invalidReason"));
        assertEquals("tiny-task", t.get("workload"));
        assertEquals(1, ((Number) t.get("workers")).intValue());
        assertEquals(1.0, ((Number) t.get("measuredSeconds")).doubleValue(), 0.2);
        assertTrue(((Number) t.get("throughputOpsPerSecond")).doubleValue() > 0);
        assertEquals(true, t.get("loadJdkInternals"), "the trial's load generator fell back to the public JDK APIs: "
                + t.get("loadJdkInternalsUnavailable"));
        Map<String, Object> ops = (Map<String, Object>) t.get("ops");
        assertTrue(ops.keySet().containsAll(List.of("read", "write", "chmod", "rename", "mkdir", "create-delete", "stat", "execute-subproc")), ops.keySet().toString());
        Map<String, Object> sampling = (Map<String, Object>) t.get("sampling");
        // The samples are phased so one falls where the warm-up ends: the window's means run between the samples
        // nearest the load generator's own window, so they match it to within half an interval (a warm-up counted
        // in would add 0.2 s). Not GO to END: END can come late (the load's result is written first).
        double measured = ((Number) t.get("measuredSeconds")).doubleValue();
        double halfInterval = ((Number) sampling.get("intervalMillis")).doubleValue() / 2000;
        assertEquals(measured, ((Number) sampling.get("windowSeconds")).doubleValue(), halfInterval,
                "cpuCores covers the load generator's measured window, the 200 ms warm-up left out: " + sampling);
        Map<String, Object> cpu = (Map<String, Object>) t.get("cpuCores");
        assertTrue(((Number) cpu.get("load")).doubleValue() > 0, "the load generator used CPU: " + cpu);
        assertTrue(((Number) cpu.get("system")).doubleValue() >= ((Number) cpu.get("load")).doubleValue() - 0.05, cpu.toString());
        assertNotNull(cpu.get("harness"));
        double steal = ((Number) cpu.get("steal")).doubleValue(); // from the same /proc/stat ticks as system
        assertTrue(steal >= 0 && steal <= ((Number) cpu.get("system")).doubleValue() + 1e-9, cpu.toString());

        List<String> csv = Files.readAllLines(dir.resolve("system.csv"));
        assertEquals(Sampler.HEADER, csv.get(0));
        assertTrue(csv.size() >= 4, "about 4 samples per second: " + csv.size());
        for (String row : csv.subList(1, csv.size())) {
            String[] f = row.split(",");
            assertEquals(Sampler.HEADER.split(",").length, f.length, row);
            double sum = 0;
            for (int i = 1; i <= 8; i++) sum += Double.parseDouble(f[i]);
            assertEquals(Runtime.getRuntime().availableProcessors(), sum, 0.05, "the CPU split sums to the cores: " + row);
        }
        assertTrue(Files.size(dir.resolve("latency.hlog")) > 0);
        assertTrue(Files.exists(dir.resolve("tracer-stderr.txt")));
        assertTrue(Files.exists(dir.resolve("load.json")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(), "no temporary files left");
        }

        if (tracer.equals("none")) {
            assertNull(t.get("completeness"));
            assertEquals(0.0, ((Number) cpu.get("tracer")).doubleValue());
            return;
        }
        Tracer backend = real.stream().filter(r -> r.name().equals(tracer)).findFirst().orElseThrow();
        Capabilities caps = backend.capabilities();
        Map<String, Object> comp = (Map<String, Object>) t.get("completeness");
        assertNotNull(comp, tracer);
        for (Map.Entry<String, Object> en : comp.entrySet()) {
            OpKind kind = OpKind.byName(en.getKey()).orElseThrow();
            Map<String, Object> k = (Map<String, Object>) en.getValue();
            long performed = ((Number) k.get("performed")).longValue();
            Map<String, Object> gt = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) json(dir.resolve("load.json"))
                    .get("groundTruth")).get("ops")).get(en.getKey());
            assertEquals(((Number) gt.get("count")).longValue(), performed,
                    tracer + " " + kind + ": performed is the ground truth's count (warm-up included: it is traced too)");
            boolean exec = kind.family() == OpKind.Family.EXEC;
            boolean observable = Expectations.groups(kind).stream().anyMatch(g -> g.stream().anyMatch(caps::sees))
                    || exec && caps.execSeenAsOpen();
            assertEquals(observable, k.get("observable"), tracer + " " + kind + " observable per capabilities");
            String seenAs = exec && caps.execSeenAsOpen() ? "OPEN of the executable"
                    : kind == OpKind.READDIR && !caps.sees(FileOp.READDIR) && caps.sees(FileOp.OPEN) ? "OPEN of the directory" : null;
            assertEquals(seenAs, k.get("seenAs"), tracer + " " + kind);
            if (observable) {
                assertTrue(((Number) k.get("seen")).longValue() > 0, tracer + " saw none of " + kind + ": " + k);
                // children live a few ms: a system-wide backend polling the cgroup every 100 ms sees them only
                // through the ground truth's childPids
                if (exec) assertTrue(((Number) k.get("ratio")).doubleValue() >= 0.9, tracer + " missed children's " + kind + ": " + k);
            } else {
                assertEquals(0.0, ((Number) k.get("ratio")).doubleValue(), tracer + " " + kind);
            }
        }
        assertTrue(((Number) t.get("events")).longValue() > 0);
        if (backend instanceof Tracer.Launching) {
            assertTrue(((Number) t.get("eventsBeforeSentinel")).longValue() > 0,
                    tracer + " traced the load generator's start and pre-READY JIT warm-up, left out of every count: " + t);
        } else {
            assertNull(t.get("eventsBeforeSentinel"), tracer);
        }
        if (backend.name().startsWith("strace")) {
            // ptrace loses nothing, and the pre-READY JIT warm-up chmods chmod's one path thousands of times: seen
            // is what was performed, for the launching backend too (until 2026-12-07 its seen counted the warm-up)
            Map<String, Object> chmod = (Map<String, Object>) comp.get("chmod");
            assertEquals(((Number) chmod.get("performed")).longValue(), ((Number) chmod.get("seen")).longValue(),
                    tracer + " chmod: " + chmod);
        }
        assertFalse(((Map<?, ?>) t.get("syscalls")).isEmpty(), "distinct syscalls are listed");
        List<String> files = Files.readAllLines(dir.resolve("accessed-files.txt"));
        if (caps.withPath().contains(FileOp.OPEN)) {
            assertTrue(files.stream().anyMatch(l -> l.endsWith("/data/read-0.bin")),
                    tracer + " read it and nothing deleted it but the work root's cleanup: no marker: " + files);
            assertTrue(files.stream().noneMatch(l -> l.contains(".tracebench.lock")), "the load generator's own lock: " + files);
            assertTrue(files.stream().noneMatch(l -> l.contains(".sentinel")), "sentinels are the harness's own");
            String own = dir.toRealPath().toString();
            assertTrue(files.stream().noneMatch(l -> l.startsWith(own)), "the trial's directory (load.json...) is the harness's: " + files);
        }
    }
}
