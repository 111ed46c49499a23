package org.tracebench.harness.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What micro's report says beyond the numbers: the undo in an iteration, placement, lost events, a dead tracer. */
class MicroReportTest {

    private static List<MicroSummary.Row> rows() {
        Map<String, List<JmhScore>> scores = new LinkedHashMap<>();
        scores.put("none", List.of(new JmhScore("mkdir", 9000, 300, "ns/op", 5), new JmhScore("stat", 600, 20, "ns/op", 5)));
        scores.put("strace", List.of(new JmhScore("mkdir", 90000, 900, "ns/op", 5), new JmhScore("stat", 40000, 900, "ns/op", 5)));
        return MicroSummary.merge(scores, Map.of());
    }

    private static Map<String, Object> manifest(String pinning, int forks) {
        return Map.of("micro", Map.of("jmhArgs", "-f " + forks, "pinning", pinning, "forks", forks));
    }

    private static Map<String, Map<String, Object>> status(long lostEvents) {
        Map<String, Map<String, Object>> s = new LinkedHashMap<>();
        s.put("none", Map.of("status", "ok", "tracerExitCode", 0, "lostEvents", 0, "cgroupPidsSeen", 2));
        s.put("strace", Map.of("status", "ok", "tracerExitCode", 0, "lostEvents", lostEvents, "cgroupPidsSeen", 2,
                "cpuPlacement", Map.of("samples", 40, "tracerOnWorkerCpu", 12, "share", 0.3)));
        return s;
    }

    @Test
    void kindsWithAnUndoAreLabelledAsSuchInTheTableAndTheLatexTable() {
        String md = MicroReport.markdown(rows(), status(0), Map.of());
        assertTrue(md.contains("|mkdir (+ rmdir)|"), md);
        assertTrue(md.contains("|stat|"), md);
        assertTrue(md.contains("Cost of one iteration of the load generator's loop in ns"), md);
        assertFalse(md.contains("Cost of one operation"), md);
        String tex = new String(MicroReport.latex(rows(), Map.of()), StandardCharsets.UTF_8);
        assertTrue(tex.contains("mkdir (+ rmdir)"), tex);
        assertFalse(tex.contains("as the load generator performs it"), tex);
    }

    @Test
    void anUnpinnedPtraceTracerWithOneForkIsWarnedAboutAndItsPlacementShown() {
        String md = MicroReport.markdown(rows(), status(0), manifest("none", 1));
        assertTrue(md.contains("- [micro-unpinned] strace: a ptrace tracer ran in tracebench micro with --pinning none"
                + " and one JMH fork"), md);
        assertTrue(md.contains("|12 of 40 samples|"), md);
        assertEquals(List.of(), MicroWarnings.placement(List.of("strace"), manifest("same-cpu", 1)));
        assertEquals(List.of(), MicroWarnings.placement(List.of("strace"), manifest("none", 3)));
        assertEquals(List.of(), MicroWarnings.placement(List.of("none", "bpftrace"), manifest("none", 1)));
        assertEquals(1, MicroWarnings.placement(List.of("none", "strace[strsize=32]"), manifest("none", 1)).size());
    }

    @Test
    void aShareLeftOutAsUninformativeIsShownAsADash() {
        Map<String, Object> pl = new LinkedHashMap<>(Map.of("samples", 40, "tracerOnWorkerCpu", 40, "workers", 1, "workerCpus", 1));
        pl.put("share", null); // one worker on its one CPU, the tracer allowed only it (same-cpu)
        Map<String, Map<String, Object>> s = status(0);
        s.put("strace", Map.of("status", "ok", "tracerExitCode", 0, "lostEvents", 0, "cgroupPidsSeen", 2, "cpuPlacement", pl));
        String md = MicroReport.markdown(rows(), s, manifest("same-cpu", 1));
        assertTrue(md.contains("|2|–|\n"), md);
        assertFalse(md.contains("40 of 40 samples"), md);
    }

    @Test
    void theLaunchMechanismOfTheExecOpsIsStatedInTheReportAndTheLatexCaption() {
        Map<String, Object> launch = new LinkedHashMap<>();
        launch.put("execute-subproc", "VFORK");
        launch.put("fork", "FORK");
        launch.put("execute-subthread", "VFORK");
        Map<String, Object> m = Map.of("micro", Map.of("jmhArgs", "-f 1", "ops", List.of("execute-subproc"),
                "launchMechanisms", launch));
        String md = MicroReport.markdown(rows(), status(0), m);
        assertTrue(md.contains("; children started with the launch mechanism VFORK (execute-subproc, execute-subthread),"
                + " FORK (fork).\n"), md);
        String tex = new String(MicroReport.latex(rows(), m), StandardCharsets.UTF_8).replaceAll("\\n%\\s+", " ");
        assertTrue(tex.contains("children started with VFORK (execute-subproc, execute-subthread), FORK (fork)"), tex);
        assertFalse(MicroReport.markdown(rows(), status(0), manifest("none", 3)).contains("launch mechanism"));
    }

    @Test
    void lostEventsAreNotedInTheStatus() {
        String md = MicroReport.markdown(rows(), status(385972), Map.of());
        assertTrue(md.contains("|strace|ok, but it lost events: it did less than all of its work, so its cost is"
                + " understated|0|385972|"), md);
        assertTrue(MicroReport.markdown(rows(), status(0), Map.of()).contains("|strace|ok|0|0|"));
    }

    @Test
    void aTracerThatDiedIsDescribedWithItsSignal() {
        assertEquals("The tracer bpftrace was killed by SIGKILL (exit code 137) during the JMH run.",
                MicroRunner.tracerDied("bpftrace", 137));
        assertEquals("The tracer strace exited with code 1 during the JMH run.", MicroRunner.tracerDied("strace", 1));
    }

    /** m2: --tracer-option ftrace.bufferSizeKb=8 --pinning same-cpu were in manifest.json only. */
    private static Map<String, Object> withOptions() {
        return Map.of("micro", Map.of("jmhArgs", "-f 1", "pinning", "same-cpu", "forks", 1,
                "tracerOptions", Map.of("strace", Map.of("strsize", "32"))));
    }

    @Test
    void aTracersOptionsAreInItsLabelAndThePinningIsStated() {
        String md = MicroReport.markdown(rows(), status(0), withOptions());
        assertTrue(md.contains("|op|none ns/op|strace[strsize=32] ns/op|strace[strsize=32] added ns|"), md);
        assertTrue(md.contains("|strace[strsize=32]|ok|0|0|"), md);
        assertTrue(md.contains("; pinning: same-cpu"), md);
        String tex = new String(MicroReport.latex(rows(), withOptions()), StandardCharsets.UTF_8).replaceAll("\\n%\\s+", " ");
        assertTrue(tex.contains("{strace[strsize=32]}") && tex.contains("; pinning same-cpu"), tex);
        assertEquals("strace[strsize=32]", MicroWarnings.label("strace", Map.of("strsize", "32")));
        assertEquals("none", MicroWarnings.label("none", Map.of()));
    }

    @Test
    void noneRunsNoTracerSoItHasNoTracerExitCode() {
        assertTrue(MicroReport.markdown(rows(), status(0), Map.of()).contains("|none|ok|–|0|"));
    }

    @Test
    void lostEventsAreMarkedInEveryOutputAndACodedWarning() {
        String md = MicroReport.markdown(rows(), status(385972), Map.of());
        assertTrue(md.contains("|none ns/op|strace † ns/op|strace † added ns|") && md.contains("\n† the tracer lost events"), md);
        assertTrue(md.contains("- [micro-lost-events] strace: in tracebench micro the tracer reported dropping events"), md);
        assertFalse(MicroReport.markdown(rows(), status(385972), Map.of(), false).contains("[micro-lost-events]"),
                "micro prints it on stderr after its closing table");
        String tex = new String(MicroReport.latex(rows(), status(385972), Map.of()), StandardCharsets.UTF_8);
        assertTrue(tex.contains("{strace$^\\dagger$}") && tex.contains("$^\\dagger$ the tracer lost events"), tex);
        org.tracebench.harness.report.LatexAssert.wellFormed("micro.tex", tex);
        assertFalse(new String(MicroReport.latex(rows(), status(0), Map.of()), StandardCharsets.UTF_8).contains("dagger"));
        var chart = (org.knowm.xchart.CategoryChart) MicroReport.figure(rows(), status(385972),
                org.tracebench.harness.charts.ChartStyle.PAPER).chart();
        assertTrue(chart.getSeriesMap().containsKey("strace (lost events)"), chart.getSeriesMap().keySet().toString());
        String csv = new String(MicroSummary.csv(rows(), status(385972)), StandardCharsets.UTF_8);
        assertTrue(csv.contains("\nstrace,stat,lostEvents,385972,events\n"), csv);
        assertFalse(csv.contains("none,stat,lostEvents"), "none runs no tracer: " + csv);
        List<?> jsonRows = (List<?>) MicroSummary.json(rows(), status(385972)).get("rows");
        assertEquals(385972L, ((Map<?, ?>) jsonRows.get(3)).get("lostEvents"));
        var ftrace = MicroWarnings.lostEvents(Map.of("ftrace[bufferSizeKb=8]", Map.of("status", "ok", "lostEvents", 5)),
                Map.of("micro", Map.of("tracerOptions", Map.of("ftrace", Map.of("bufferSizeKb", "8")))));
        assertTrue(ftrace.get(0).fix().contains("(8 KiB here) with --tracer-option ftrace.bufferSizeKb=32"), ftrace.get(0).fix());
    }

    @Test
    void theReportOfAMicroDirectoryWritesNothingButItsOutputs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("manifest.json"), org.tracebench.loadgen.json.Json.write(withOptions()));
        java.nio.file.Files.writeString(dir.resolve(MicroSummary.JSON),
                org.tracebench.loadgen.json.Json.write(MicroSummary.json(rows(), status(7))));
        java.io.StringWriter out = new java.io.StringWriter(), err = new java.io.StringWriter();
        assertEquals(0, MicroReport.write(dir, java.util.Set.of(), org.tracebench.harness.charts.ChartStyle.PAPER,
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true)), err.toString());
        assertFalse(java.nio.file.Files.exists(dir.resolve("trials")), "a micro directory has no trials/");
        assertTrue(err.toString().startsWith("Warning: [micro-lost-events] strace[strsize=32]: "), err.toString());
        assertTrue(java.nio.file.Files.readString(dir.resolve("report.md")).contains("|strace[strsize=32] † ns/op|"));
    }
}
