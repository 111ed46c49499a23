package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kind counted without paths (trial.json attribution "count") reads as an upper bound wherever its share shows. */
class UpperBoundTest {
    @TempDir Path tmp;

    @Test
    void countAttributedSharesAreMarkedAsUpperBoundsInEveryReport() throws IOException {
        Path dir = Fixtures.copyWith(tmp, List.of("002-strace-mixed-w1-r1", "006-strace-mixed-w1-r2"),
                json -> json.replaceAll("(\"stat\"\\s*:\\s*\\{[^}]*\"observable\"\\s*:\\s*true)", "$1, \"attribution\": \"count\""));
        Analysis a = Analysis.of(ResultsReader.read(dir));
        assertTrue(a.find("strace", "mixed", 1).seenIsUpperBound());
        assertFalse(a.find("fatrace", "mixed", 1).seenIsUpperBound());

        String t = TerminalSummary.text(a);
        assertTrue(t.lines().anyMatch(l -> l.startsWith("strace") && l.endsWith(" ≤ 100.0%")), t);
        assertTrue(t.lines().anyMatch(l -> l.startsWith("≤: an upper bound")), t);
        assertTrue(t.lines().anyMatch(l -> l.startsWith("fatrace") && l.endsWith(" 80.0%, 2 of 4 kinds blind")), t);

        String md = new String(MarkdownReport.render(a, List.of()), StandardCharsets.UTF_8);
        assertTrue(md.contains("| strace | mixed | 1 | stat | 2 | 6252 | 6252 | ≤ 100.0% |"), md);
        assertTrue(md.contains("| strace | mixed | 1 | read | 2 | 5739 | 5739 | 100.0% |"), "read was matched by path: " + md);
        assertTrue(md.contains("| strace | mixed | 1 | 0 | ≤ 100.0% |"), md);

        String tex = new String(LatexTables.render(a).get(1).bytes(), StandardCharsets.UTF_8);
        assertTrue(tex.lines().anyMatch(l -> l.matches("stat +& \\$\\\\leq\\$100\\.0 .*")), tex);
        assertTrue(tex.lines().anyMatch(l -> l.matches("read +& 100\\.0 .*")), tex);
        assertTrue(tex.contains("an upper bound, not a match"), tex);
        String overhead = new String(LatexTables.render(a).get(0).bytes(), StandardCharsets.UTF_8);
        assertTrue(overhead.contains("$\\leq$100.0"), overhead);
    }
}
