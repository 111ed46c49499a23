/**
 * Direct calls into the JDK's own native system-call wrappers, so that sub-microsecond ops issue the same calls as a
 * C loop without the public APIs' per-call bookkeeping; every caller keeps the public API as its fallback.
 */
package org.tracebench.loadgen.sys;
