/** The fatrace (fanotify) backend: system-wide, filtered to the target's pids; its parser. */
package org.tracebench.tracers.fatrace;
