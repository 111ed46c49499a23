package org.tracebench.harness.fidelity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** audit7-fid: run's closing "paired overhead" table had no p99 ratio, while its † note sends the reader to it. */
class TerminalP99ColumnTest {
    @Test
    void theClosingTableHasTheIterationP99RatioItsNoteNames() {
        List<TrialRow> rows = new ArrayList<>();
        double[][] p99 = {{1000, 3000}, {1000, 3000}, {1000, 3000}, {1000, 3000}};
        String[] labels = {"none", "ftrace", "ftrace", "none"};
        for (int i = 0; i < 4; i++) {
            rows.add(Rows.rated(Rows.paired(labels[i], "pair", 1, i + 1, 1000), 1000, p99[i][labels[i].equals("none") ? 0 : 1]));
        }
        List<String> lines = FidelityReport.terminal(FidelityAnalysis.of(rows)).lines().toList();
        assertTrue(lines.get(0).startsWith("paired overhead") && lines.get(0).contains("p99 ratio"), String.join("\n", lines));
        assertTrue(lines.get(1).startsWith("ftrace ") && lines.get(1).contains("3.00×"), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("shows in the iteration p99 ratio")), String.join("\n", lines));
    }
}
