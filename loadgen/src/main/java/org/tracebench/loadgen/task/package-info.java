/** Task files: the legacy loder list and the v2 map, parsed safely into {@link org.tracebench.loadgen.task.TaskFile}, validated, and checked against the work root. */
package org.tracebench.loadgen.task;
