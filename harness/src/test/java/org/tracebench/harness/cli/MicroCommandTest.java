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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.micro.JmhScore;
import org.tracebench.harness.micro.MicroReport;
import org.tracebench.harness.micro.MicroSummary;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.Tracers;
import org.tracebench.tracers.testing.Requirements;

/** tracebench micro: bad input, and a short real JMH run under none and a real tracer (strace). */
class MicroCommandTest {

    /** The tracers module's registry, probed once. */
    static final List<Tracer> REGISTRY = Tracers.all();

    static Executed micro(String... args) {
        return Executed.run(new MicroCommand(() -> REGISTRY), args);
    }

    @Test
    void badInputIsRejectedBeforeAnythingRuns(@TempDir Path tmp) {
        String out = tmp.resolve("out").toString();
        assertRejected(out, "The option --ops names an unknown op kind 'reed'", "--ops", "read,reed");
        assertRejected(out, "The option --tracers names an unknown tracer 'nosuchtracer'", "--tracers", "nosuchtracer");
        assertRejected(out, "The option -i must be at least 1, got 0.", "-i", "0");
        assertRejected(out, "The option -f must be at least 1, got 0.", "-f", "0");
        assertRejected(out, "The option -w needs a positive JMH time", "-w", "soon");
        assertRejected(out, "gives bpftrace an option it does not have, 'probs'; its options: mode, perfRbPages, probes",
                "--tracer-option", "bpftrace.probs=raw");
        assertRejected(out, "The option --tracer-option needs TRACER.KEY=VALUE", "--tracer-option", "probes=raw");
        assertRejected(out, "The option --tracer-option: The ftrace option reader must be cat or java, not 'dd'.",
                "--tracer-option", "ftrace.reader=dd");
        assertRejected(out, "The option --pinning must be none, same-cpu or separate-cpus, not 'sideways'.", "--pinning", "sideways");
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written on bad input");
    }

    /** micro with {@code args} and {@code --out out} exits 2 and says {@code expected} on stderr. */
    private static void assertRejected(String out, String expected, String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--out";
        all[args.length + 1] = out;
        Executed r = micro(all);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void aMicroWhileAnotherRunHoldsTheMachineLockIsRefusedAndWritesNothing(@TempDir Path tmp) throws Exception {
        MicroCommand c = new MicroCommand(() -> REGISTRY);
        c.isRoot = () -> true; // refused before anything needs root
        c.machineLock = tmp.resolve("machine").resolve("trials.lock");
        Process other = org.tracebench.harness.results.LockHolderMain.start(c.machineLock);
        try {
            Executed r = Executed.run(c, "--tracers", "none", "--ops", "stat", "--out", tmp.resolve("out").toString());
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("Another tracebench process (pid " + other.pid()), r.err());
            assertTrue(r.err().contains("give --allow-concurrent-runs to run anyway"), r.err());
            assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
        } finally {
            other.destroyForcibly();
            other.waitFor();
        }
    }

    @Test
    void manifestNamesTheLaunchMechanismOfEachExecOp() {
        assertEquals(Map.of("execute-subproc", "VFORK", "execute-subthread", "VFORK", "fork", "FORK"),
                MicroCommand.launchMechanisms(List.of("read", "execute-subproc", "execute-subthread", "fork", "stat")));
        assertEquals(Map.of(), MicroCommand.launchMechanisms(List.of("stat", "rename")));
    }

    @Test
    void withoutRootItSaysWhatNeedsRootAndRunsNothing(@TempDir Path tmp) {
        MicroCommand notRoot = new MicroCommand(() -> REGISTRY);
        notRoot.isRoot = () -> false;
        Executed r = Executed.run(notRoot, "--tracers", "none", "--out", tmp.resolve("out").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("tracebench micro needs root: each JMH process runs in a cgroup v2 of its own, and the "
                + "tracers attach to other processes (ptrace), use fanotify, tracefs or BPF. Run it again with sudo."), r.err());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written without root");
    }


    @Test
    void thePlacementWarningReachesTheTerminalOnceBeforeTheRunAndReportMdKeepsIt() {
        Map<String, Object> manifest = Map.of("micro", Map.of("jmhArgs", "-f 1", "pinning", "none", "forks", 1));
        Map<String, List<JmhScore>> scores = new java.util.LinkedHashMap<>();
        scores.put("none", List.of(new JmhScore("stat", 600, 20, "ns/op", 5)));
        scores.put("strace", List.of(new JmhScore("stat", 40000, 900, "ns/op", 5)));
        List<MicroSummary.Row> rows = MicroSummary.merge(scores, Map.of());
        Map<String, Map<String, Object>> status = new java.util.LinkedHashMap<>();
        status.put("none", Map.of("status", "ok", "tracerExitCode", 0, "lostEvents", 0, "cgroupPidsSeen", 2));
        status.put("strace", Map.of("status", "ok", "tracerExitCode", 0, "lostEvents", 0, "cgroupPidsSeen", 2));
        StringWriter err = new StringWriter();
        MicroCommand.warnAboutPlacement(status.keySet(), manifest, new PrintWriter(err));
        String closing = MicroCommand.closingTable(rows, status, manifest);
        String warning = "[micro-unpinned] strace: a ptrace tracer ran in tracebench micro with --pinning none and one JMH fork";
        assertTrue(err.toString().startsWith("Warning: " + warning), err.toString());
        assertFalse(closing.contains(warning), "said once, on stderr before the run: " + closing);
        assertTrue(closing.contains("|stat|600 ± 20|"), closing);
        assertTrue(MicroReport.markdown(rows, status, manifest).contains("- " + warning), "report.md keeps it");
    }

    @Test
    void shortRealRunMergesJmhOutputAndLeavesNothingBehind(@TempDir Path tmp) throws Exception {
        Tracer tracer = Tracers.byName(REGISTRY, "strace");
        Requirements.requireAvailable(tracer);
        Path out = tmp.resolve("out");
        Executed r = micro("--tracers", tracer.name(), "--ops", "stat,rename", "-f", "1", "-wi", "1", "-i", "2",
                "-w", "200ms", "-r", "200ms", "--tracer-option", "strace.strsize=32", "--pinning", "same-cpu",
                "--out", out.toString());
        assertEquals(0, r.code(), r.out() + "\n" + r.err());
        Path dir = RunEndToEndTest.onlyResultsDir(out);
        String label = tracer.name() + "[strsize=32]"; // as run labels a configuration with options
        NoLeftovers.assertNone(ProcessHandle.current().pid(), NoLeftovers.descendants());
        assertNoProcessMentions(tmp, ProcessHandle.current().pid());
        assertNoBenchDirs(ProcessHandle.current().pid());

        Map<String, Object> manifest = RunEndToEndTest.json(dir.resolve("manifest.json"));
        assertEquals("micro", manifest.get("kind"));
        @SuppressWarnings("unchecked") Map<String, Object> micro = (Map<String, Object>) manifest.get("micro");
        assertEquals(List.of("stat", "rename"), micro.get("ops"));
        assertEquals("-f 1 -wi 1 -i 2 -w 200ms -r 200ms", micro.get("jmhArgs"));
        assertEquals(Map.of("strace", Map.of("strsize", "32")), micro.get("tracerOptions"));
        assertEquals("same-cpu", micro.get("pinning"));
        assertEquals(Map.of(), micro.get("launchMechanisms"), "no exec op");

        Map<String, Object> summary = RunEndToEndTest.json(dir.resolve("micro-summary.json"));
        @SuppressWarnings("unchecked") List<Map<String, Object>> rows = (List<Map<String, Object>>) summary.get("rows");
        assertEquals(4, rows.size(), rows.toString());
        List<JmhScore> none = JmhScore.read(dir.resolve("micro/none.json"));
        List<JmhScore> traced = JmhScore.read(dir.resolve("micro/" + tracer.name() + ".json"));
        assertEquals(List.of("stat", "rename"), none.stream().map(JmhScore::op).toList());
        assertEquals(List.of("stat", "rename"), traced.stream().map(JmhScore::op).toList());
        List<String> csv = Files.readAllLines(dir.resolve("micro-summary.csv"));
        for (int i = 0; i < 2; i++) {
            JmhScore n = none.get(i);
            JmhScore t = traced.get(i);
            assertEquals(2, n.samples(), "-f 1 -i 2 gives two measured iterations");
            Map<String, Object> nr = rows.get(i);
            Map<String, Object> tr = rows.get(2 + i);
            assertEquals("none", nr.get("tracer"));
            assertEquals(n.op(), nr.get("op"));
            assertEquals(n.nsPerOp(), ((Number) nr.get("nsPerOp")).doubleValue(), 1e-6 * n.nsPerOp());
            assertEquals(label, tr.get("tracer"));
            assertEquals("micro/" + tracer.name() + ".json", tr.get("source"));
            assertEquals(t.nsPerOp(), ((Number) tr.get("nsPerOp")).doubleValue(), 1e-6 * t.nsPerOp());
            assertEquals(t.nsPerOp() - n.nsPerOp(), ((Number) tr.get("addedNs")).doubleValue(), 1e-6 * t.nsPerOp());
            assertTrue(csv.stream().anyMatch(l -> l.startsWith(label + "," + t.op() + ",nsPerOp," )), csv.toString());
        }
        @SuppressWarnings("unchecked") Map<String, Map<String, Object>> status = (Map<String, Map<String, Object>>) summary.get("tracers");
        assertEquals("ok", status.get(label).get("status"));
        List<Integer> cpus = org.tracebench.harness.trial.CpuAffinity.allowedCpus();
        String last = String.valueOf(cpus.get(cpus.size() - 1));
        assertEquals(Map.of("mode", "same-cpu", "loadCpus", last, "tracerCpus", last), status.get(label).get("pinning"));
        assertEquals(Map.of("mode", "same-cpu", "loadCpus", last, "tracerCpus", ""), status.get("none").get("pinning"));
        for (String t : List.of("none", label)) {
            assertTrue(((Number) status.get(t).get("cgroupPidsSeen")).intValue() >= 2,
                    "MicroMain and its JMH fork ran in the traced cgroup: " + status.get(t));
        }
        assertTrue(Files.size(dir.resolve("micro/" + tracer.name() + "-jmh.log")) > 0);
        assertTrue(r.out().contains("|stat|"), r.out());
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = new ArrayList<>(s.map(p -> p.getFileName().toString()).toList());
            assertFalse(names.stream().anyMatch(n -> n.startsWith(".")), "no work files left: " + names);
        }

        Executed rep = Executed.run(Main.commandLine(), "report", dir.toString(), "--formats", "png");
        assertEquals(0, rep.code(), rep.err());
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("|op|none ns/op|" + label + " ns/op|" + label + " added ns|"), md);
        assertFalse(Files.exists(dir.resolve("trials")), "report writes only its outputs");
        assertTrue(md.contains("charts/micro-ns-per-op.png"), md);
        assertTrue(Files.size(dir.resolve("charts/micro-ns-per-op.png")) > 1000);
    }

    @Test
    void sigtermDuringTheTracedRunKeepsFinishedResultsAndLeavesNothingBehind(@TempDir Path tmp) throws Exception {
        Tracer tracer = Tracers.byName(REGISTRY, "strace");
        Requirements.requireAvailable(tracer);
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("micro-stdout.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "micro",
                "--tracers", "strace", "--ops", "stat", "-f", "1", "-wi", "1", "-i", "40", "-w", "100ms", "-r", "100ms",
                "--out", out.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            boolean forkUnderStrace = false;
            while (!forkUnderStrace && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(200);
                forkUnderStrace = Files.readString(log).contains("strace: JMH on")
                        && p.descendants().anyMatch(h -> h.info().commandLine().orElse("").contains("ForkedMain"));
            }
            assertTrue(forkUnderStrace, "the JMH fork under strace never started: " + Files.readString(log));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "micro did not exit after SIGTERM");
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertTrue(Files.readString(log).contains("Interrupted: the results of the tracers finished so far are kept in"),
                Files.readString(log));
        NoLeftovers.assertNone(p.pid(), List.of());
        assertNoProcessMentions(tmp, p.pid());
        assertNoBenchDirs(p.pid());
        Path dir = RunEndToEndTest.onlyResultsDir(out);
        String label = tracer.name() + "[strsize=32]"; // as run labels a configuration with options
        assertTrue(Files.isRegularFile(dir.resolve("micro/none.json")), "the finished none run is kept");
        assertFalse(Files.exists(dir.resolve("micro/strace.json")), "no result for the interrupted tracer");
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(f -> f.getFileName().toString().startsWith(".tracer-")), "tracer output removed");
        }
    }

    /** No benchmark directory of the micro run of {@code pid} left under /var/tmp. */
    static void assertNoBenchDirs(long pid) throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("tracebench.bench.dir", "/var/tmp")))) {
            assertEquals(List.of(), s.filter(f -> f.getFileName().toString().startsWith("tracebench-micro-" + pid + "-")).toList());
        }
    }

    /**
     * No live process whose command line names the test's directory (MicroMain, strace -o) or the run's benchmark
     * directory (JMH forks get it as -Dtracebench.bench.dir).
     */
    static void assertNoProcessMentions(Path tmp, long microPid) {
        String bench = "tracebench-micro-" + microPid + "-";
        List<String> left = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(h -> h.info().commandLine().orElse(""))
                .filter(c -> c.contains(tmp.toString()) || c.contains(bench)).toList();
        assertEquals(List.of(), left);
    }
}
