package org.tracebench.loadgen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tracebench.loadgen.op.OpKind;
import org.tracebench.loadgen.op.Ops;
import org.tracebench.loadgen.task.OpOptions;

/** What one benchmark iteration does besides the timed operation, as micro's report labels it. */
class OpBenchmarkTest {

    @Test
    void undoNamesExactlyTheKindsWhoseRestoreDoesSomething() {
        for (OpKind k : OpKind.values()) {
            boolean restores = Ops.create(k, OpOptions.DEFAULTS, pid -> { }, false).hasRestore();
            assertEquals(restores, OpBenchmark.undo(k) != null, k.yamlName());
        }
        assertEquals("rmdir", OpBenchmark.undo(OpKind.MKDIR));
    }

    @Test
    void zeroForksIsRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MicroMain.parse(new String[] {"--json", "r.json", "--ops", "stat", "-f", "0"}));
        assertEquals("The option -f must be at least 1: with 0 forks JMH would run in this process, without the load"
                + " generator's JVM options.", e.getMessage());
    }
}
