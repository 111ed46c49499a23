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

/** Extra kernel CPU is per operation at the tracer's rate; known processes above the machine's busy CPU are flagged. */
class MachineCpuFiguresTest {
    @TempDir Path tmp;

    @Test void extraKernelIsPerOperationAtTheTracersRate() {
        // results/reference-quick's ftrace: 628 µs of kernel per op at 1762 ops/s against none's 454 µs at 2291 ops/s
        double e = Analysis.extraKernelCores(628e-6 * 1762, 1762, 454e-6 * 2291, 2291);
        assertEquals((628 - 454) * 1762e-6, e, 1e-9, "0.31 cores, where the difference of cores said 0.07");
        assertTrue(Double.isNaN(Analysis.extraKernelCores(1, 0, 1, 10)), "no throughput, no rate");
    }

    @Test void configStatsCarryThePerOperationExtraKernel() throws IOException {
        Analysis a = Analysis.of(ResultsReader.read(Fixtures.copyTo(tmp)));
        Analysis.ConfigStats strace = a.find("strace", "mixed", 1), none = a.find("none", "mixed", 1);
        double thr = strace.metric(Metrics.THROUGHPUT).mean(), thrNone = none.metric(Metrics.THROUGHPUT).mean();
        double perOp = strace.metric(Metrics.CPU_KERNEL).mean() / thr - none.metric(Metrics.CPU_KERNEL).mean() / thrNone;
        assertEquals(perOp * thr, strace.extraKernelCores(), 1e-9);
        assertTrue(strace.extraKernelCores() > 0.7, "strace's 0.77 kernel cores at 1880 ops/s are nearly all extra: "
                + strace.extraKernelCores());
    }

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
