/**
 * Kernel time of BPF tracers measured directly (issue 7): {@link org.tracebench.harness.bpfstats.BpfStatsSwitch}
 * turns {@code kernel.bpf_stats_enabled} on for a trial and restores it, {@link org.tracebench.harness.bpfstats.BpfPrograms}
 * finds the tracer's programs through its file descriptors and reads {@code run_time_ns}/{@code run_cnt}, and
 * {@link org.tracebench.harness.bpfstats.BpfUsage} turns two snapshots into ns per probe hit and cores.
 */
package org.tracebench.harness.bpfstats;
