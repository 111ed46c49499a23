/** JMH benchmarks of the tracer output parsers (goal: at least 2 million lines per second per core). */
package org.tracebench.tracers.bench;
