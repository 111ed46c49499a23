/**
 * Tracer backends behind one small interface ({@link org.tracebench.tracers.Tracer}): probe, attach or launch,
 * await ready, stop, parse. This module knows nothing of the load generator.
 */
package org.tracebench.tracers;
