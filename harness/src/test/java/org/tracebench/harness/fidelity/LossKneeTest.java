package org.tracebench.harness.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LossKneeTest {

    private static Map<String, LossKnee.Knee> byFamily(List<LossKnee.Knee> knees, String tracer) {
        return knees.stream().filter(k -> k.tracer().equals(tracer)).collect(Collectors.toMap(LossKnee.Knee::family, Function.identity()));
    }

    @Test
    void theKneeIsTheLastCompleteLevelBeforeTheFirstMiss() {
        List<TrialRow> rows = List.of(
                Rows.sweep("none", 100, true, 0, 0, 0),
                Rows.sweep("bpftrace", 100, true, 1000, 1000, 0),
                Rows.sweep("bpftrace", 200, true, 1000, 999, 0), // 99.9% still counts as complete
                Rows.sweep("bpftrace", 400, true, 1000, 990, 0), // stat misses 1%
                Rows.sweep("bpftrace", 800, true, 1000, 1000, 0)); // complete again: the knee stays at 200
        Map<String, LossKnee.Knee> k = byFamily(LossKnee.of(rows), "bpftrace");
        assertEquals(200, k.get("all").kneePerSecond());
        assertEquals(400, k.get("all").firstMissPerSecond());
        assertEquals("stat 99.0% seen", k.get("all").firstMissReason());
        assertEquals(800, k.get("data").kneePerSecond());
        assertTrue(k.get("data").beyondRange());
        assertEquals("≥ 800/s", k.get("data").text());
        assertEquals(200, k.get("metadata").kneePerSecond());
        assertEquals(3, k.size(), "all, data, metadata; none has no knee");
    }

    @Test
    void lostEventsOrAnInvalidTrialEndTheRange() {
        List<TrialRow> rows = List.of(
                Rows.sweep("ftrace", 100, true, 1000, 1000, 0),
                Rows.sweep("ftrace", 200, true, 1000, 1000, 5),
                Rows.sweep("strace", 100, false, 1000, 1000, 0));
        Map<String, LossKnee.Knee> f = byFamily(LossKnee.of(rows), "ftrace");
        assertEquals(100, f.get("all").kneePerSecond());
        assertEquals("5 lost events", f.get("all").firstMissReason());
        Map<String, LossKnee.Knee> s = byFamily(LossKnee.of(rows), "strace");
        assertTrue(s.get("all").belowRange());
        assertEquals("< 100/s", s.get("all").text());
    }

    @Test
    void aKneeReachedOnCountedSharesIsAnUpperBoundAndSaysSo() {
        List<TrialRow> rows = List.of(
                Rows.counted(Rows.sweep("bpftrace[mode=counts]", 100, true, 1000, 1000, 0), "read", "stat"),
                Rows.counted(Rows.sweep("bpftrace[mode=counts]", 200, true, 1000, 990, 0), "read", "stat"),
                Rows.sweep("strace", 100, true, 1000, 1000, 0));
        Map<String, LossKnee.Knee> k = byFamily(LossKnee.of(rows), "bpftrace[mode=counts]");
        assertTrue(k.get("all").upperBound(), "100% counted at 100/s does not show that nothing was missed");
        assertEquals("100/s (upper bound: counted, not matched)", k.get("all").text());
        assertEquals("stat ≤ 99.0% seen", k.get("all").firstMissReason(), "stat was counted: an upper bound");
        assertEquals(Boolean.TRUE, k.get("all").toMap().get("upperBound"));
        assertEquals("≥ 100/s", byFamily(LossKnee.of(rows), "strace").get("all").text(), "matched: no bound");
    }

    @Test
    void aKneeAtALevelTheTracerHeldBelowTheSaturationShareNamesTheRateAchieved() {
        List<TrialRow> rows = List.of(
                Rows.sweep("none", 1000, true, 0, 0, 0), Rows.achieved(Rows.sweep("none", 64000, true, 0, 0, 0), 64019),
                Rows.sweep("bpftrace", 1000, true, 1000, 1000, 0),
                Rows.achieved(Rows.sweep("bpftrace", 64000, true, 1000, 1000, 0), 8917), // complete, but slowed the load
                Rows.sweep("ftrace", 1000, true, 1000, 1000, 0),
                Rows.achieved(Rows.sweep("ftrace", 2000, true, 1000, 1000, 0), 1900), // 95%: reached
                Rows.achieved(Rows.sweep("ftrace", 4000, true, 1000, 990, 0), 3000));
        Map<String, LossKnee.Knee> b = byFamily(LossKnee.of(rows), "bpftrace");
        assertEquals("≥ 8917/s achieved (64000/s offered)", b.get("all").text());
        assertEquals(8917.0, b.get("all").toMap().get("kneeAchievedIterationsPerSecond"));
        assertEquals(true, b.get("all").toMap().get("saturated"));
        assertEquals(64000.0, b.get("all").toMap().get("kneeIterationsPerSecond"), "the offered level stays the knee's");
        Map<String, LossKnee.Knee> f = byFamily(LossKnee.of(rows), "ftrace");
        assertEquals("2000/s", f.get("all").text(), "95% achieved is above the saturation share: reached");
        assertEquals(false, f.get("all").toMap().get("saturated"));
        assertEquals("≥ 64000/s", byFamily(LossKnee.of(rows, 0.1), "bpftrace").get("all").text(), "at saturation 0.1, 13.9% reached it");
        FidelityAnalysis a = FidelityAnalysis.of(rows);
        assertTrue(a.sweep().stream().anyMatch(l -> l.tracer().equals("bpftrace") && l.saturated()), a.sweep().toString());
        assertTrue(FidelityReport.markdown(a, List.of()).contains("| ≥ 8917/s achieved (64000/s offered) |"));
    }

    @Test
    void theFirstMissNamesTheKindThatMissedAndNeverRoundsAMissUpToAPass() {
        Map<String, long[]> comp = new java.util.LinkedHashMap<>();
        comp.put("read", new long[] {2000, 2000});
        comp.put("stat", new long[] {2000, 1997}); // 99.85% < 99.9%; the family's 99.925% would look like a pass
        TrialRow miss = Rows.row(java.nio.file.Path.of("/x"), true, "strace", "strace", "", "w", 1, 1, 1000, 0, 0,
                "sweep", 8000, 1000, 1e5, 1e6, comp, Map.of("read", true, "stat", true), 0, 0.1, 0, Map.of());
        List<TrialRow> rows = List.of(Rows.sweep("strace", 500, true, 1000, 1000, 0), miss);
        LossKnee.Knee k = byFamily(LossKnee.of(rows), "strace").get("all");
        assertEquals("stat 99.85% seen", k.firstMissReason());
        assertEquals("500/s", k.text());
        assertEquals("99.85%", LossKnee.share(0.9985));
        assertEquals("99.89%", LossKnee.share(0.99899), "truncated, not rounded up to 99.90%");
        assertEquals("99.9%", LossKnee.share(0.999));
        assertEquals("99.5%", LossKnee.share(0.995));
        String md = FidelityReport.markdown(FidelityAnalysis.of(rows), List.of());
        assertTrue(md.contains("| 100.0% | 99.85% |"), "the sweep table's stat cell: " + md);
    }

    @Test
    void theSaturationShareIsTheSweepsInManifestJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertEquals(SweepSpec.DEFAULT_SATURATION, SweepGate.saturation(dir), "no manifest.json: the default");
        java.nio.file.Files.writeString(dir.resolve("manifest.json"), "{\"suiteAsRun\": {\"sweep\": {\"rates\": [1000], \"saturation\": 0.5}}}\n");
        assertEquals(0.5, SweepGate.saturation(dir));
    }
}
