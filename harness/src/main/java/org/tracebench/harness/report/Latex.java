package org.tracebench.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every LaTeX table tracebench writes shares ({@link LatexTables}, micro's table): escaping, the comment lines
 * that open a table (the run it comes from and a caption to adapt), and booktabs tabulars whose cells line up in
 * the source. Pure text; locale-independent.
 */
public final class Latex {
    private Latex() {}

    /** Text made safe for LaTeX: its special characters escaped, the few non-ASCII signs Num writes, a negative number's minus. */
    public static String tex(String s) {
        StringBuilder sb = new StringBuilder();
        if (s.length() > 1 && s.charAt(0) == '-' && Character.isDigit(s.charAt(1))) { // a number: a minus, not a hyphen
            sb.append("$-$");
            s = s.substring(1);
        }
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(c);
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                case '–' -> sb.append("--");
                case '∞' -> sb.append("$\\infty$");
                case '×' -> sb.append("$\\times$");
                case '±' -> sb.append("$\\pm$");
                case 'µ' -> sb.append("\\textmu{}");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A header cell spanning {@code span} columns, centred: a tracer's name over its columns. */
    public static String group(int span, String text) {
        return "\\multicolumn{" + span + "}{c}{" + tex(text) + "}";
    }

    /**
     * The comment lines that open a table: {@code what} ("report of suite quick") with the run's start, tracebench
     * version and commit from {@code manifest}, what the table needs, and {@code caption} (LaTeX) to adapt.
     */
    public static StringBuilder preamble(String what, Map<String, Object> manifest, String caption) {
        Map<String, Object> tb = JsonMaps.map(manifest, "tracebench");
        StringBuilder sb = new StringBuilder();
        sb.append("% tracebench ").append(what);
        if (manifest.get("startedAt") != null) sb.append(", started ").append(manifest.get("startedAt"));
        if (tb.get("version") != null) sb.append(", tracebench ").append(tb.get("version"));
        String commit = tb.get("gitCommit") == null ? "" : String.valueOf(tb.get("gitCommit"));
        if (!commit.isEmpty()) sb.append(" (commit ").append(Num.shortHash(commit)).append(')');
        sb.append(".\n");
        Map<String, Object> asRun = RunDifferences.measured(manifest);
        if (!asRun.isEmpty()) {
            sb.append("% Suite as run: ").append(asRun.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", "))).append(".\n");
        }
        Map<String, String> options = TracerOptions.unlabelled(manifest);
        if (!options.isEmpty()) {
            sb.append("% Tracer options (not in the tracer's name): ").append(options.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining("; "))).append(".\n");
        }
        sb.append("% Written by `tracebench report`, which overwrites it. Needs \\usepackage{booktabs}.\n");
        sb.append("% Caption to adapt:\n");
        for (String line : wrap(caption, 110)) sb.append("%   ").append(line).append('\n');
        return sb;
    }

    /**
     * A booktabs tabular with cells padded to line up: the {@code head} rows; when {@code sub} is not null, a
     * cmidrule under each group of columns after the first ({@code spans}: the groups' widths, in order) and the
     * {@code sub} row; then the groups of rows, separated by midrules.
     */
    public static void tabular(StringBuilder sb, String spec, List<String[]> head, int[] spans, String[] sub,
                               List<List<String[]>> groups) {
        List<String[]> all = new ArrayList<>(head);
        if (sub != null) all.add(sub);
        groups.forEach(all::addAll);
        int[] width = new int[spec.length()];
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) if (!r[i].startsWith("\\multicolumn")) width[i] = Math.max(width[i], r[i].length());
        }
        sb.append("\\begin{tabular}{").append(spec).append("}\n\\toprule\n");
        for (String[] h : head) row(sb, h, width);
        if (sub != null) {
            int c = 2;
            for (int span : spans) {
                sb.append("\\cmidrule(lr){").append(c).append('-').append(c + span - 1).append('}');
                c += span;
            }
            sb.append('\n');
            row(sb, sub, width);
        }
        for (List<String[]> g : groups) {
            if (g.isEmpty()) continue;
            sb.append("\\midrule\n");
            for (String[] r : g) row(sb, r, width);
        }
        sb.append("\\bottomrule\n\\end{tabular}\n");
    }

    private static void row(StringBuilder sb, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) sb.append(" & ");
            sb.append(cells[i]);
            if (i < cells.length - 1) sb.append(" ".repeat(Math.max(0, width[i] - cells[i].length())));
        }
        sb.append(" \\\\\n");
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }
}
