package org.tracebench.harness.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tracebench.harness.suite.Suite.TracerSpec;
import org.tracebench.harness.suite.TrialSpec;

class PairedPlanTest {
    private static final Path TASK = Path.of("/tmp/t.yaml");

    private static List<TrialSpec> configs() {
        List<TrialSpec> c = new ArrayList<>();
        c.add(new TrialSpec(0, TracerSpec.of("none"), "w", TASK, 1, 0));
        c.add(new TrialSpec(0, new TracerSpec("bpftrace", Map.of("mode", "counts"), "mode=counts"), "w", TASK, 1, 0));
        c.add(new TrialSpec(0, TracerSpec.of("strace"), "w", TASK, 1, 0));
        return c;
    }

    @Test
    void everyBlockIsAbbaWithTheBaselineOutside() {
        List<TrialSpec> plan = PairedPlan.build(configs(), 2, new Random(7));
        assertEquals(2 * 3 * 4, plan.size()); // 2 repetitions × (A/A + 2 tracers) × 4 trials
        Set<Integer> blocks = new HashSet<>();
        for (int i = 0; i < plan.size(); i += 4) {
            List<TrialSpec> b = plan.subList(i, i + 4);
            int block = b.get(0).placement().block();
            assertEquals(true, blocks.add(block), "block numbers are unique");
            for (int pos = 1; pos <= 4; pos++) {
                TrialSpec t = b.get(pos - 1);
                assertEquals(i + pos, t.number());
                assertEquals(block, t.placement().block());
                assertEquals(pos, t.placement().position());
            }
            assertEquals("none", b.get(0).tracer().label());
            assertEquals("none", b.get(3).tracer().label());
            assertEquals(b.get(1).tracer(), b.get(2).tracer());
            String label = b.get(1).tracer().label();
            assertEquals(label.equals("none[A/A]") ? "aa" : "pair", b.get(1).placement().role());
            assertEquals(i < 12 ? 1 : 2, b.get(0).repetition());
        }
        assertEquals(6, blocks.size());
    }

    @Test
    void theSeedFixesTheBlockOrder() {
        List<String> a = PairedPlan.build(configs(), 3, new Random(1)).stream().map(TrialSpec::dirName).toList();
        List<String> b = PairedPlan.build(configs(), 3, new Random(1)).stream().map(TrialSpec::dirName).toList();
        assertEquals(a, b);
        List<String> labels = new ArrayList<>();
        for (int seed = 0; seed < 20; seed++) {
            labels.add(PairedPlan.build(configs(), 1, new Random(seed)).get(1).tracer().label());
        }
        assertNotEquals(1, new HashSet<>(labels).size(), "blocks are shuffled within a repetition");
    }

    @Test
    void placementSurvivesTheManifestRoundTrip() {
        TrialSpec t = PairedPlan.build(configs(), 1, new Random(3)).get(5);
        assertEquals(t, TrialSpec.fromMap(t.toMap()));
    }
}
