/** bpftrace backends: tracepoint program generated from the traced syscall set, the LSM file_open variant, parser. */
package org.tracebench.tracers.bpftrace;
