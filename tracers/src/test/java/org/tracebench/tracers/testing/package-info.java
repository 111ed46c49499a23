/** Test support shared by tracer and harness integration tests: preconditions and a real target process. */
package org.tracebench.tracers.testing;
