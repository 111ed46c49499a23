package org.tracebench.harness.charts;

import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;

/** One figure: file base name (no extension), caption for the report, the chart, and the tracers it draws. */
public record Figure(String name, String caption, Chart<?, ?> chart, List<String> tracers) {}
