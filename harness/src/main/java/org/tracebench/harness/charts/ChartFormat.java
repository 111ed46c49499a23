package org.tracebench.harness.charts;

import java.util.Locale;
import java.util.Optional;

/** Output formats of a chart. */
public enum ChartFormat {
    PNG, SVG, PDF;

    /** The file extension, e.g. {@code png}. */
    public String extension() { return name().toLowerCase(Locale.ROOT); }

    /** Looks a format up by name, case-insensitive. */
    public static Optional<ChartFormat> byName(String s) {
        for (ChartFormat f : values()) if (f.extension().equalsIgnoreCase(s.trim())) return Optional.of(f);
        return Optional.empty();
    }
}
