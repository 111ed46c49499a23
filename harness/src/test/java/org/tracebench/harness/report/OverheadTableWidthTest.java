package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * overhead.tex fits a one-column article: workloads as blocks of rows rather than a column, headers on two lines,
 * narrower column gaps; and its caption's n counts trials, as it does.
 */
class OverheadTableWidthTest {
    @TempDir Path tmp;

    /** The fixture's trials (workload mixed) and a copy of them as workload read_only: two blocks of rows. */
    private Analysis twoWorkloads() throws IOException {
        Path dir = Fixtures.copyTo(tmp.resolve("results"));
        try (var s = Files.list(dir.resolve("trials"))) {
            for (Path t : s.sorted().toList()) {
                if (!Files.exists(t.resolve("trial.json"))) continue;
                Path copy = Files.createDirectories(t.resolveSibling("1" + t.getFileName().toString().replace("mixed", "read_only")));
                try (var files = Files.list(t)) {
                    for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
                }
                Files.writeString(copy.resolve("trial.json"), Files.readString(copy.resolve("trial.json"))
                        .replace("\"workload\": \"mixed\"", "\"workload\": \"read_only\""));
            }
        }
        return Analysis.of(ResultsReader.read(dir));
    }

    private static String overhead(Analysis a) {
        LatexTables.Table t = LatexTables.render(a).get(0);
        assertEquals("overhead.tex", t.fileName());
        String s = new String(t.bytes(), StandardCharsets.UTF_8);
        LatexAssert.wellFormed(t.fileName(), s);
        return s;
    }

    @Test
    void twoWorkloadsAreBlocksOfRowsNotAColumnAndTheCaptionCountsTrials() throws IOException {
        String tex = overhead(twoWorkloads());
        assertTrue(tex.contains("\\begin{tabular}{lrrrrrrr}"), "eight columns, no Workload column: " + tex);
        assertFalse(tex.contains("Workload"), tex);
        assertTrue(tex.contains("\\multicolumn{8}{l}{\\emph{mixed}} \\\\") && tex.contains("\\multicolumn{8}{l}{\\emph{read\\_only}} \\\\"), tex);
        String caption = tex.replace("\n%   ", " ");
        assertTrue(caption.contains("in a block of rows per workload: mean operations per second over the $n$ valid trials;"), caption);
        assertFalse(caption.contains("repetitions"), "n counts trials, not repetitions: " + caption);
        assertTrue(tex.contains("\\begingroup\\setlength{\\tabcolsep}{4pt}\n\\begin{tabular}") && tex.endsWith("\\end{tabular}\n\\endgroup\n"), tex);
        assertTrue(tex.contains("\\resizebox{\\linewidth}{!}"), "the hint for where it does not fit: " + tex);
    }

    @Test
    void withPdflatexTheTableIsNoWiderThanAnArticlesTextWidth() throws Exception {
        Assumptions.assumeTrue(onPath("pdflatex"), "pdflatex is not installed");
        Path dir = Files.createDirectories(tmp.resolve("tex"));
        Files.writeString(dir.resolve("overhead.tex"), overhead(twoWorkloads()));
        Files.writeString(dir.resolve("doc.tex"), "\\documentclass{article}\n\\usepackage{booktabs}\n\\begin{document}\n"
                + "\\setbox0\\hbox{\\input{overhead.tex}}\\typeout{WIDTH \\the\\wd0\\space TEXTWIDTH \\the\\textwidth}\n"
                + "\\end{document}\n");
        Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex").directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        Matcher m = Pattern.compile("WIDTH ([0-9.]+)pt\\s*TEXTWIDTH ([0-9.]+)pt").matcher(out.replace("\n", ""));
        assertTrue(m.find(), out);
        assertTrue(Double.parseDouble(m.group(1)) <= Double.parseDouble(m.group(2)), m.group());
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }

    @Test
    void aPairedRunsCaptionSaysNCountsTrialsNotPairs() throws IOException {
        String tex = overhead(Analysis.of(ResultsReader.read(Fixtures.pairedResultsDir()))).replace("\n%   ", " ");
        assertTrue(tex.contains("over the $n$ valid trials ($n$ counts trials, not pairs);"), tex);
        assertTrue(List.of(tex.split("\n")).stream().noneMatch(l -> l.contains("repetitions")), tex);
    }
}
