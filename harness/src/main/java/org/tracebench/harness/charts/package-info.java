/**
 * The report's figures, drawn with XChart from the written result files only: {@link Palette} (one fixed
 * Okabe-Ito colour per tracer), {@link ChartStyle} (paper: single column, 3.3 in wide; screen: larger, titled),
 * {@link FigureBuilder} (analysis → XChart charts), {@link ChartFiles} (chart → PNG/SVG/PDF bytes, vector output
 * through VectorGraphics2D), {@link ReportCharts} (all figures of a results directory).
 */
package org.tracebench.harness.charts;
