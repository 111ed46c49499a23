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
        assertEquals("99.50% seen", k.get("all").firstMissReason());
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
        assertEquals("≤ 99.50% seen", k.get("all").firstMissReason());
        assertEquals(Boolean.TRUE, k.get("all").toMap().get("upperBound"));
        assertEquals("≥ 100/s", byFamily(LossKnee.of(rows), "strace").get("all").text(), "matched: no bound");
    }
}
