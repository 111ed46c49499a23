/**
 * What each tracer missed: the file operations a tracer must report for each load-generator op kind, a streaming
 * comparison of its events with the load generator's ground truth, and the accessed-file list.
 */
package org.tracebench.harness.completeness;
