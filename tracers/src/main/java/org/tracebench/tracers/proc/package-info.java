/** Tracer processes: output to files, SIGINT-then-SIGKILL stop, stderr tails, and waiting for a sentinel in output. */
package org.tracebench.tracers.proc;
