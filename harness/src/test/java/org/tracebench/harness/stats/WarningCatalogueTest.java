package org.tracebench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/design.md's warning catalogue names every WarningKind, in order; report.md and the terminal print the code. */
class WarningCatalogueTest {
    @Test
    void theCatalogueHasOneRowPerWarningKind() throws Exception {
        List<String> rows = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(Path.of("..", "docs", "design.md"))) {
            if (line.startsWith("### ")) in = line.startsWith("### Warnings");
            if (in && line.startsWith("| `")) rows.add(line.substring(3, line.indexOf('`', 3)));
        }
        assertEquals(Arrays.stream(WarningKind.values()).map(WarningKind::code).toList(), rows);
    }

    @Test
    void aPrintedWarningStartsWithItsCode() {
        RunWarning w = new RunWarning(WarningKind.HIGH_VARIATION, "strace", "mixed", 1, "throughput cv 7.0%");
        assertEquals("[high-variation] " + w.message(), w.labelled());
        assertEquals(List.of(w.labelled()), RunWarning.terminalLines(List.of(w)));
        List<RunWarning> many = new ArrayList<>();
        for (String t : List.of("none", "strace", "fatrace", "ftrace")) {
            many.add(new RunWarning(WarningKind.OP_ERRORS, t, "mixed", 1, "2 failed operations"));
        }
        String line = RunWarning.terminalLines(many).get(0);
        assertTrue(line.startsWith("[op-errors] The load generator reported failed operations, in 4 configurations"), line);
    }
}
