package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracebench.harness.stats.RunWarning;
import org.tracebench.harness.stats.WarningKind;

/** Known processes above the machine's busy CPU are flagged. */
class MachineCpuFiguresTest {
    @TempDir Path tmp;

    @Test void knownProcessesAboveTheMachinesBusyCpuAreFlagged() throws IOException {
        // the synthetic fixture's fatrace trials: load 0.97 + tracer 0.46 + harness 0.003 against a machine busy 1.22
        List<RunWarning> w = Analysis.of(ResultsReader.read(Fixtures.copyTo(tmp))).warnings().stream()
                .filter(x -> x.kind() == WarningKind.CPU_ACCOUNTING).toList();
        assertEquals(1, w.size());
        assertTrue(w.get(0).message().contains("2 of 6 valid trials") && w.get(0).message().contains("003-fatrace-mixed-w1-r1"),
                w.get(0).message());
        assertEquals("cpu-accounting", w.get(0).kind().code());
        // a real paired run: the parts stay below the whole
        Analysis paired = Analysis.of(ResultsReader.read(Fixtures.copyTo(tmp.resolve("p"), Fixtures.pairedResultsDir())));
        assertTrue(paired.warnings().stream().noneMatch(x -> x.kind() == WarningKind.CPU_ACCOUNTING), paired.warnings().toString());
    }
}
