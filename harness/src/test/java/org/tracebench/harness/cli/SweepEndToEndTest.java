package org.tracebench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.bpfstats.BpfStatsSwitch;
import org.tracebench.tracers.Tracer;
import org.tracebench.tracers.testing.Requirements;
import picocli.CommandLine;

/**
 * Issue 7 end to end with a real tracer: a short open-loop sweep at two offered rates under bpftrace, then
 * {@code tracebench report}: levels, knees, BPF statistics in the trials, the sysctl restored, charts written.
 */
class SweepEndToEndTest {

    @Test
    @SuppressWarnings("unchecked")
    void shortSweepUnderBpftrace(@TempDir Path tmp) throws Exception {
        Requirements.requireRoot();
        Tracer bpftrace = TestTracers.named("bpftrace");
        Requirements.require(bpftrace.availability().available(), "bpftrace is unavailable here.");
        String sysctlBefore = Files.readString(BpfStatsSwitch.SYSCTL).trim();
        try (InputStream in = SweepEndToEndTest.class.getResourceAsStream("/suites/tiny-task.yaml")) {
            Files.copy(in, tmp.resolve("tiny-task.yaml"));
        }
        Path suite = Files.writeString(tmp.resolve("sweep.yaml"), "name: sweep\ntasks: [tiny-task.yaml]\n"
                + "tracers: [bpftrace]\nworkers: 1\nduration: 1s\nwarmup: 200ms\nrepetitions: 1\norder: round-robin\n"
                + "cooldown: 0s\nsamplingInterval: 250ms\nseed: 1\nsweep: {rates: [20, 40]}\n");
        Path out = tmp.resolve("out");
        StringWriter o = new StringWriter(), e = new StringWriter();
        CommandLine run = new CommandLine(new RunCommand(TestTracers::registry));
        run.setOut(new PrintWriter(o));
        run.setErr(new PrintWriter(e));
        assertEquals(0, run.execute(suite.toString(), "--out", out.toString()), o + "\n" + e);
        assertEquals(sysctlBefore, Files.readString(BpfStatsSwitch.SYSCTL).trim(), "kernel.bpf_stats_enabled is restored");
        Path results = RunEndToEndTest.onlyResultsDir(out);
        List<Path> trials = RunEndToEndTest.trialDirs(results);
        assertEquals(2 + 4, trials.size(), trials.toString());

        Map<String, Object> swept = RunEndToEndTest.json(trials.get(5).resolve("trial.json"));
        assertEquals("ok", swept.get("status"), String.valueOf(swept.get("invalidReason")));
        assertEquals("bpftrace", swept.get("tracer"));
        assertEquals("tiny-task@40/s", swept.get("workload"));
        assertEquals(40.0, ((Number) ((Map<String, Object>) swept.get("placement")).get("offeredRatePerSecond")).doubleValue());
        Map<String, Object> load = RunEndToEndTest.json(trials.get(5).resolve("load.json"));
        assertEquals(40.0, ((Number) load.get("rate")).doubleValue(), 1e-9, "one worker gets the whole offered rate");
        assertEquals(40.0, ((Number) swept.get("ratePerWorker")).doubleValue(), 1e-9, "trial.json says it ran open loop");
        assertEquals(null, RunEndToEndTest.json(trials.get(0).resolve("trial.json")).get("ratePerWorker"), "closed loop");
        Map<String, Object> bpf = (Map<String, Object>) ((Map<String, Object>) swept.get("window")).get("bpfStats");
        assertTrue(((Number) bpf.get("runCount")).longValue() > 0, bpf.toString());
        assertTrue(((Number) bpf.get("runTimeNs")).longValue() > 0, bpf.toString());
        assertTrue(((Number) bpf.get("nsPerHit")).doubleValue() > 0, bpf.toString());

        CommandLine report = new CommandLine(new ReportCommand());
        report.setOut(new PrintWriter(o));
        report.setErr(new PrintWriter(e));
        assertEquals(0, report.execute(results.toString(), "--formats", "png"), o + "\n" + e);
        Map<String, Object> fid = RunEndToEndTest.json(results.resolve("fidelity.json"));
        List<Map<String, Object>> levels = (List<Map<String, Object>>) fid.get("sweep");
        assertEquals(4, levels.size());
        for (Map<String, Object> l : levels) {
            double offered = ((Number) l.get("offeredIterationsPerSecond")).doubleValue();
            double achieved = ((Number) l.get("achievedIterationsPerSecond")).doubleValue();
            assertTrue(achieved > 0.5 * offered && achieved < 1.2 * offered, "a light load keeps up: " + l);
            assertTrue(l.get("iterationP99Nanos") instanceof Number, l.toString());
        }
        List<Map<String, Object>> knees = (List<Map<String, Object>>) fid.get("lossKnees");
        Map<String, Object> all = knees.stream().filter(k -> "all".equals(k.get("family"))).findFirst().orElseThrow();
        assertEquals("bpftrace", all.get("tracer"));
        assertTrue(all.get("kneeIterationsPerSecond") != null || Boolean.TRUE.equals(all.get("belowRange")), all.toString());
        assertTrue(knees.stream().anyMatch(k -> "metadata".equals(k.get("family"))), knees.toString());
        String md = Files.readString(results.resolve("report.md"));
        assertTrue(md.contains("### Rate sweep"), md);
        assertTrue(!md.contains("iterations/s per worker"), "a sweep is open loop by design: no open-loop warning: " + md);
        assertTrue(Files.isRegularFile(results.resolve("charts/sweep-completeness-tiny-task-w1.png")));
        assertTrue(Files.isRegularFile(results.resolve("charts/sweep-p99-tiny-task-w1.png")));
        NoLeftovers.assertNone(ProcessHandle.current().pid(), NoLeftovers.descendants());
    }
}
