/**
 * One trial, start to finish: cgroup, load generator in control mode, tracer attach or launch, sentinel, sampling,
 * GO/DONE, tracer stop, event parse, completeness, trial files, cleanup on every path.
 */
package org.tracebench.harness.trial;
