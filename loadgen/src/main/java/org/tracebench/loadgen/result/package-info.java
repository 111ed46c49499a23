/** Immutable results of a load run, their JSON contract (docs/design.md), the .hlog, and the text table. */
package org.tracebench.loadgen.result;
