/** The results directory of a run (layout in docs/design.md): creation, atomic files, manifest, resume bookkeeping. */
package org.tracebench.harness.results;
