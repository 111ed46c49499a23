/**
 * {@code tracebench micro}: the load generator's per-op JMH benchmarks run once per tracer, each JMH process (and
 * its forks) in a cgroup the tracer is attached to; JMH's JSON per tracer merged into a cost-per-operation table
 * with the added cost of each tracer over {@code none}, written to a results directory and rendered by report.
 */
package org.tracebench.harness.micro;
