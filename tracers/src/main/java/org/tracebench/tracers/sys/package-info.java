/** The kernel interfaces tracebench manages itself: cgroup v2 groups for trials, mount discovery. */
package org.tracebench.tracers.sys;
