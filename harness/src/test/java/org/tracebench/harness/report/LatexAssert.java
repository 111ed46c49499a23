package org.tracebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a LaTeX table tracebench wrote: one tabular, every row spanning its columns, braces balanced, no raw signs. */
public final class LatexAssert {
    private static final Pattern SPEC = Pattern.compile("\\\\begin\\{tabular\\}\\{([lrc]+)\\}");
    private static final Pattern MULTI = Pattern.compile("\\\\multicolumn\\{(\\d+)\\}");

    private LatexAssert() {}

    public static void wellFormed(String name, String s) {
        Matcher m = SPEC.matcher(s);
        assertTrue(m.find(), name + " has a tabular:\n" + s);
        int columns = m.group(1).length();
        assertTrue(s.contains("\\toprule") && s.contains("\\bottomrule\n\\end{tabular}"), s);
        int rows = 0;
        for (String line : s.lines().toList()) {
            if (line.startsWith("%")) continue;
            String body = line.replaceAll("(?<!\\\\)%.*", "");
            int depth = 0;
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\') { i++; continue; }
                if (c == '{') depth++;
                if (c == '}') depth--;
                assertTrue(depth >= 0, name + ": a '}' closes nothing in: " + line);
            }
            assertEquals(0, depth, name + ": unbalanced braces in: " + line);
            if (!line.endsWith("\\\\")) continue;
            rows++;
            String cells = line.substring(0, line.length() - 2);
            int span = 0;
            for (String cell : cells.split("(?<!\\\\)&", -1)) {
                Matcher mc = MULTI.matcher(cell);
                span += mc.find() ? Integer.parseInt(mc.group(1)) : 1;
            }
            assertEquals(columns, span, name + ": this row spans " + span + " of " + columns + " columns: " + line);
            assertFalse(line.matches(".*[–∞×µ±].*"), name + ": a sign LaTeX may not know: " + line);
        }
        assertTrue(rows >= 3, name + " has a header and rows:\n" + s);
    }
}
