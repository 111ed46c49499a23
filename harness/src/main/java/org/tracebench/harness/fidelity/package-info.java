/**
 * Issue 7's fidelity measurements: rate sweeps ({@link org.tracebench.harness.fidelity.SweepSpec},
 * {@link org.tracebench.harness.fidelity.SweepPlan}, {@link org.tracebench.harness.fidelity.SweepGate}) and each
 * tracer's loss knee, the three-way overhead split with its per-trial probe
 * ({@link org.tracebench.harness.fidelity.WindowProbe}), option matrices and the cheapest complete configuration,
 * and their report section and charts.
 */
package org.tracebench.harness.fidelity;
