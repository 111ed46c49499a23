/**
 * bpftrace backends: the tracepoint program generated from the traced syscall set in two probe layouts (raw_syscalls
 * filtered by number, the default; one pair per syscall), the LSM file_open variant, and the parser of their output.
 */
package org.tracebench.tracers.bpftrace;
