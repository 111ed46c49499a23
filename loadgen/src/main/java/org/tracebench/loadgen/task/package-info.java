/**
 * Task files: the legacy loder list and the v2 map, parsed safely into {@link org.tracebench.loadgen.task.TaskFile},
 * validated, and checked against the work root. Entry points are in {@link org.tracebench.loadgen.task.TaskFiles}
 * ({@code load}, then {@code checkSafety} before anything runs); paths are expanded with
 * {@link org.tracebench.loadgen.task.Placeholders}. The user guide is {@code docs/task-files.md}; the JSON schemas are
 * under {@code tasks/schema/}.
 */
package org.tracebench.loadgen.task;
