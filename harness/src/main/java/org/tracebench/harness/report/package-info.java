/**
 * Reading a results directory and turning it into summaries and a report: {@link ResultsReader} (files → records,
 * tolerant of unfinished and invalid trials), {@link Analysis} (records → statistics per configuration and
 * warnings), and pure exporters from those to bytes: {@link Summaries} (summary.csv, summary.json),
 * {@link MarkdownReport} (report.md), {@link Comparison} (two runs side by side). All output is
 * locale-independent ('.' decimals) and deterministic.
 */
package org.tracebench.harness.report;
