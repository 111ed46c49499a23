package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LaTeX tables are well-formed: every row has the tabular's column count, braces balance, text is escaped. */
class LatexTablesTest {

    @Test
    void everyRowSpansTheTabularsColumns() throws IOException {
        List<LatexTables.Table> tables = LatexTables.render(Analysis.of(ResultsReader.read(Fixtures.resultsDir())));
        assertEquals(List.of("overhead.tex", "completeness.tex", "slowdown.tex"),
                tables.stream().map(LatexTables.Table::fileName).toList());
        for (LatexTables.Table t : tables) assertWellFormed(t);
    }

    @Test
    void namesWithLatexSpecialCharactersAreEscaped(@TempDir Path tmp) throws IOException {
        // a workload named after a task file such as io_heavy#2.yaml, whose _ and # would break the document
        Path dir = Fixtures.copyTo(tmp);
        for (String t : List.of("001-none-mixed-w1-r1", "002-strace-mixed-w1-r1", "005-none-mixed-w1-r2",
                "006-strace-mixed-w1-r2")) {
            Path j = dir.resolve("trials").resolve(t).resolve("trial.json");
            java.nio.file.Files.writeString(j, java.nio.file.Files.readString(j)
                    .replace("\"workload\" : \"mixed\"", "\"workload\" : \"io_heavy#2\"")
                    .replace("\"workload\": \"mixed\"", "\"workload\": \"io_heavy#2\""));
        }
        Analysis a = Analysis.of(ResultsReader.read(dir));
        assertTrue(a.configs().stream().anyMatch(s -> s.config().workload().equals("io_heavy#2")),
                "the edit took: " + a.configs());
        for (LatexTables.Table t : LatexTables.render(a)) {
            assertWellFormed(t);
            String s = new String(t.bytes(), StandardCharsets.UTF_8);
            if (t.fileName().equals("overhead.tex")) assertTrue(s.contains("io\\_heavy\\#2"), s);
        }
    }

    @Test
    void aKindSeenAsAnotherEventGetsALetterExplainedInTheCaption(@TempDir Path tmp) throws IOException {
        Path dir = Fixtures.copyWith(tmp, List.of("003-fatrace-mixed-w1-r1", "004-fatrace-mixed-w1-r2"),
                s -> s.replaceFirst("(\"read\": \\{\\s*\"performed\": \\d+,\\s*\"seen\": \\d+,\\s*\"ratio\": [0-9.]+,\\s*)"
                        + "\"pathRecall\": 1.0,", "$1\"pathRecall\": null, \"seenAs\": \"OPEN of the file\","));
        String s = new String(LatexTables.render(Analysis.of(ResultsReader.read(dir))).get(1).bytes(), StandardCharsets.UTF_8);
        assertTrue(s.contains("%   ") && s.contains("\\textsuperscript{a}Seen as OPEN of the file"), s);
        assertTrue(s.lines().anyMatch(l -> l.matches("read +& 100.0 +& 100.0 +& [0-9.]+\\\\rlap\\{\\\\textsuperscript\\{a\\}\\} +& -- .*")), s);
    }

    @Test
    void escapesEverySpecialCharacter() {
        assertEquals("a\\_b\\&c\\%d\\$e\\#f\\{g\\}h\\textasciitilde{}i\\textasciicircum{}j\\textbackslash{}k",
                Latex.tex("a_b&c%d$e#f{g}h~i^j\\k"));
        assertEquals("1--2 $\\infty$", Latex.tex("1–2 ∞"));
        assertEquals("$-$0.03", Latex.tex("-0.03"));
        assertEquals("-x", Latex.tex("-x"));
    }

    private static void assertWellFormed(LatexTables.Table t) {
        LatexAssert.wellFormed(t.fileName(), new String(t.bytes(), StandardCharsets.UTF_8));
    }
}
