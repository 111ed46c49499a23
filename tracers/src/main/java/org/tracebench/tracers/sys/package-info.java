/**
 * The kernel interfaces tracebench manages itself: cgroup v2 groups for trials, tracefs (mount, capabilities,
 * instances), the traced syscall set, mount discovery.
 */
package org.tracebench.tracers.sys;
