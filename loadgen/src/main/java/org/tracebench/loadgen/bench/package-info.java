/** JMH benchmarks: the cost of one operation per op kind as the load generator performs it. */
package org.tracebench.loadgen.bench;
