/** JMH benchmarks: the cost of one iteration of the load generator's loop per op kind (the operation, and its undo for the kinds that have one). */
package org.tracebench.loadgen.bench;
