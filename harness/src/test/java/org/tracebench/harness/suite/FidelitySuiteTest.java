package org.tracebench.harness.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.fidelity.SweepSpec;

/** Issue 7's suite parts: option matrices, {@code sweep}, {@code order: paired} as the default, and the plan they make. */
class FidelitySuiteTest {
    @TempDir
    Path dir;

    private Path suite(String body) throws IOException {
        Files.writeString(dir.resolve("t.yaml"), "name: t\ntasks: [{op: stat, path: x}]\n");
        return Files.writeString(dir.resolve("s.yaml"), "name: s\ntasks: [t.yaml]\n" + body);
    }

    @Test
    void aMatrixExpandsIntoLabelledConfigurationsOnTopOfTheOptions() throws Exception {
        Suite s = SuiteParser.parse(suite("tracers:\n  - name: bpftrace\n    options: {strLen: 64}\n"
                + "    matrix: {mode: [paths, counts], perfRbPages: [64, 2]}\n  - strace\n"));
        List<String> labels = s.tracers().stream().map(Suite.TracerSpec::label).toList();
        assertEquals(List.of("none", "bpftrace[mode=paths perfRbPages=64]", "bpftrace[mode=paths perfRbPages=2]",
                "bpftrace[mode=counts perfRbPages=64]", "bpftrace[mode=counts perfRbPages=2]", "strace"), labels);
        assertEquals(Map.of("strLen", "64", "mode", "counts", "perfRbPages", "2"), s.tracers().get(4).options());
        assertEquals(Suite.Order.PAIRED, s.order(), "paired is the default order");
        assertNull(s.sweep());
    }

    @Test
    void aOneValueMatrixStillNamesItsOption() throws Exception {
        Suite s = SuiteParser.parse(suite("tracers:\n  - {name: ftrace, matrix: {bufferSizeKb: [256]}}\n"));
        assertEquals("ftrace[bufferSizeKb=256]", s.tracers().get(1).label());
    }

    @Test
    void sweepAutoAndExplicitLevels() throws Exception {
        SweepSpec auto = SuiteParser.parse(suite("tracers: [bpftrace]\nsweep: {rates: auto, start: 250, maxLevels: 4}\n")).sweep();
        assertTrue(auto.auto());
        assertEquals(List.of(250.0, 500.0, 1000.0, 2000.0), auto.plannedLevels());
        assertEquals(0.9, auto.saturation());
        SweepSpec fixed = SuiteParser.parse(suite("tracers: [bpftrace]\nsweep:\n  rates: [100, 300]\n  tracers: [bpftrace]\n")).sweep();
        assertEquals(List.of(100.0, 300.0), fixed.plannedLevels());
        assertEquals(List.of("bpftrace"), fixed.tracers());
    }

    @Test
    void badSweepsAndMatricesAreSentencesWithTheirPlace() throws Exception {
        SuiteException e = assertThrows(SuiteException.class, () -> SuiteParser.parse(suite(
                "tracers:\n  - {name: bpftrace, options: {mode: paths}, matrix: {mode: [counts]}}\n"
                + "sweep: {rates: [300, 100], strat: 5, saturation: 1.5}\norder: pared\n")));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("'sweep.rates' must be strictly ascending"), all);
        assertTrue(all.contains("unknown key 'strat' in 'sweep'. Did you mean 'start'?"), all);
        assertTrue(all.contains("'sweep.saturation' must be a fraction below 1"), all);
        assertTrue(all.contains(": The option 'mode' is in both 'options' and 'matrix'"), all);
        assertTrue(all.contains("'order' must be 'paired', 'randomized' or 'round-robin', not 'pared'. Did you mean 'paired'?"), all);
        assertTrue(e.problems().stream().allMatch(p -> p.startsWith(dir.resolve("s.yaml").toString() + ":")), all);
    }

    @Test
    void matrixAndOptionsMessagesAreSentencesSayingWhatIsWrong() throws Exception {
        SuiteException e = assertThrows(SuiteException.class, () -> SuiteParser.parse(suite("tracers:\n"
                + "  - {name: ftrace, options: 4096}\n"
                + "  - {name: strace, matrix: {syscalls: [[openat]]}}\n"
                + "  - {name: fatrace, matrix: {pollMillis: []}}\n"
                + "  - {name: bpftrace, matrix: {strLen: [16, 17, 18, 19, 20, 21], perfRbPages: [1, 2, 4, 8, 16, 32]}}\n")));
        Path s = dir.resolve("s.yaml");
        assertEquals(List.of(
                s + ":4:29: The 'options' of a tracer entry must be a map of KEY: VALUE, e.g. {strLen: 64}, not '4096'.",
                s + ":5:40: The matrix values of 'syscalls' must be scalars.",
                s + ":5:29: Each matrix option needs a name and at least one value.",
                s + ":6:30: Each matrix option needs a name and at least one value.",
                s + ":7:30: The matrix of tracer 'bpftrace' makes 36 configurations; at most 32 are allowed (each is run in"
                        + " paired blocks)."), e.problems());
    }

    @Test
    void oneConfigurationListedTwiceUnderTwoLabelsIsRefused() throws Exception {
        SuiteException e = assertThrows(SuiteException.class, () -> SuiteParser.parse(suite("tracers:\n"
                + "  - {name: fatrace, matrix: {pollMillis: [50, 100]}}\n"
                + "  - {name: fatrace, options: {pollMillis: 100}}\n"
                + "  - {name: bpftrace, options: {strLen: 64}, matrix: {mode: [counts]}}\n"
                + "  - {name: bpftrace, options: {mode: counts, strLen: 64}}\n"
                + "  - {name: strace, matrix: {syscalls: ['openat,chmod', 'chmod,openat', 'openat, chmod']}}\n")));
        Path s = dir.resolve("s.yaml");
        assertEquals(List.of(
                s + ":5:5: The tracer 'fatrace' is listed twice: it runs with the options of 'fatrace[pollMillis=100]'"
                        + " (pollMillis=100); list each configuration once.",
                s + ":7:5: The tracer 'bpftrace' is listed twice: it runs with the options of 'bpftrace[mode=counts]'"
                        + " (mode=counts strLen=64); list each configuration once.",
                s + ":8:5: The tracer 'strace[syscalls=chmod,openat]' is listed twice: it runs with the options of"
                        + " 'strace[syscalls=openat,chmod]' (syscalls=chmod,openat); list each configuration once.",
                s + ":8:5: The tracer 'strace[syscalls=openat, chmod]' is listed twice: it runs with the options of"
                        + " 'strace[syscalls=openat,chmod]' (syscalls=chmod,openat); list each configuration once."),
                e.problems());
    }

    @Test
    void sweptTracersMustBeInTheSuite() throws Exception {
        SuiteException e = assertThrows(SuiteException.class, () -> SuiteParser.parse(suite(
                "tracers: [bpftrace]\nsweep: {rates: auto, tracers: [ftrace]}\n")));
        assertTrue(e.problems().get(0).endsWith("'sweep.tracers' names 'ftrace', which is not among the suite's tracers."), e.problems().toString());
    }

    @Test
    void thePlanHasAbbaBlocksThenTheSweepLevelsWithTheBaselineFirst() throws Exception {
        Suite s = SuiteParser.parse(suite("tracers: [{name: bpftrace, matrix: {mode: [paths, counts]}}]\nrepetitions: 2\n"
                + "sweep: {rates: [100, 200]}\n"));
        List<TrialSpec> plan = TrialPlan.build(s, s.tracers(), Map.of("t", dir.resolve("t.yaml")), 5);
        assertEquals(2 * 3 * 4 + 2 * 2, plan.size()); // (A/A + 2 variants) × ABBA × 2 reps + 2 levels × (none + first variant)
        List<TrialSpec> sweep = plan.subList(24, 28);
        assertEquals(List.of("none", "bpftrace[mode=paths]", "none", "bpftrace[mode=paths]"),
                sweep.stream().map(t -> t.tracer().label()).toList());
        assertEquals(List.of("t@100/s", "t@100/s", "t@200/s", "t@200/s"), sweep.stream().map(TrialSpec::workloadLabel).toList());
        assertTrue(sweep.stream().allMatch(t -> t.placement().role().equals("sweep")));
        for (int i = 0; i < plan.size(); i++) assertEquals(i + 1, plan.get(i).number());
    }
}
