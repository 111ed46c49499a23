package org.tracebench.harness.cli;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tracebench.harness.charts.ChartFormat;
import org.tracebench.harness.charts.ChartStyle;
import picocli.CommandLine.Option;

/** {@code --formats} and {@code --style}, shared by the commands that draw charts ({@code report}, {@code compare}) as a picocli mixin. */
final class ChartOptions {
    @Option(names = "--formats", split = ",", defaultValue = "png,svg,pdf", paramLabel = "FMT",
            description = "Chart formats, comma-separated: png, svg, pdf (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--style", defaultValue = "paper", paramLabel = "STYLE",
            description = "paper (3.3 in wide, no titles) or screen (larger, with titles); default ${DEFAULT-VALUE}.")
    String style;

    /** The formats, or null after printing which value of --formats is wrong. */
    Set<ChartFormat> formats(PrintWriter err) {
        Set<ChartFormat> s = EnumSet.noneOf(ChartFormat.class);
        for (String n : formats) {
            if (n.isBlank()) continue;
            var f = ChartFormat.byName(n);
            if (f.isEmpty()) {
                err.println("The option --formats has an unknown format '" + n + "'; use png, svg or pdf.");
                return null;
            }
            s.add(f.get());
        }
        return s;
    }

    /** The style, or null after printing that --style is wrong. */
    ChartStyle style(PrintWriter err) {
        try {
            return ChartStyle.valueOf(style.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("The option --style must be paper or screen, not '" + style + "'.");
            return null;
        }
    }
}
