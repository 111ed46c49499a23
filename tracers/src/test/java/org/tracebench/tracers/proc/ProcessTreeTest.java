package org.tracebench.tracers.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Probes.processTree on real processes: a shell with two children, one of them pruned with its own child. */
class ProcessTreeTest {
    @Test
    void pruningLeavesOutTheSubtreeAndKeepsTheRest() throws Exception {
        // sh ─┬─ sleep (kept)
        //     └─ sh ── sleep (pruned with its child)
        Process p = new ProcessBuilder("sh", "-c", "sleep 60 & sh -c 'sleep 60 & wait' & wait").start();
        try {
            long root = p.pid();
            List<Long> all = List.of();
            for (int i = 0; i < 500 && all.size() < 4; i++) {
                Thread.sleep(10);
                all = Probes.processTree(root);
            }
            assertEquals(4, all.size(), "sh, sleep, sh, sleep: " + all);
            long inner = ProcessHandle.of(root).orElseThrow().children()
                    .filter(h -> h.info().command().orElse("").endsWith("sh")).findFirst().orElseThrow().pid();
            long innerSleep = ProcessHandle.of(inner).orElseThrow().children().findFirst().orElseThrow().pid();
            List<Long> pruned = Probes.processTree(root, inner);
            assertEquals(2, pruned.size(), pruned.toString());
            assertEquals(root, pruned.get(0));
            assertFalse(pruned.contains(inner) || pruned.contains(innerSleep), pruned.toString());
            assertTrue(all.containsAll(pruned));
            assertEquals(all, Probes.processTree(root, -1));
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
