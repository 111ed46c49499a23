/** JMH benchmarks of the tracer output parsers. */
package org.tracebench.tracers.bench;
