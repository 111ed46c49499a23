/** ftrace through tracefs: a private instance, syscall and sched tracepoints, trace_pipe reader, parser. */
package org.tracebench.tracers.ftrace;
