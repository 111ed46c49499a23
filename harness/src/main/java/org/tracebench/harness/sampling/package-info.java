/** OSHI sampling during a trial's measured window: system CPU split, per-process CPU and RSS, context switches, disk bytes; summaries in cores. */
package org.tracebench.harness.sampling;
