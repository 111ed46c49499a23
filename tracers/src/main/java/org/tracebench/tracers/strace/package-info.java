/**
 * The strace backends: {@code strace} attaches with {@code -f -p}, {@code strace-seccomp} launches the target under
 * {@code --seccomp-bpf}; both write one output file that {@link org.tracebench.tracers.strace.StraceParser} reads.
 */
package org.tracebench.tracers.strace;
