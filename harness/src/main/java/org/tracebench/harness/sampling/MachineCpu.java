package org.tracebench.harness.sampling;

/**
 * The whole machine's CPU between two readings of /proc/stat, in cores. Busy is the wall time of every CPU less its
 * idle, iowait and steal time, not the sum of the busy clock ticks: on a NO_HZ kernel a CPU's idle and iowait come
 * from its exact idle entry and exit times, while user, system, irq and softirq are whichever state the scheduler tick
 * (HZ of them a second) happened to find. Two processes each spinning 20 µs in every 100 µs read 0.09-0.21 cores
 * fewer in those ticks than the cgroup v1 root's exact cpuacct.usage, while wall − idle stayed within 0.02 cores of
 * it (docs/design.md). The ticks still give the split: kernel and user are busy shared out in their proportion.
 *
 * @param busyCores   every CPU's wall time less idle, iowait and steal, within [0, cores]
 * @param kernelCores busy × (system + irq + softirq) / (user + nice + system + irq + softirq) ticks
 * @param userCores   busy × (user + nice) / the same ticks
 * @param stealCores  steal: time the hypervisor ran something else on this VM's CPUs
 */
record MachineCpu(double busyCores, double kernelCores, double userCores, double stealCores) {

    /**
     * @param dt     tick deltas in {@link Sampler#delta} order: user, nice, system, idle, iowait, irq, softirq, steal
     * @param wallMs the wall time between the two readings
     * @param userHz clock ticks per second (USER_HZ, the unit of /proc/stat)
     */
    static MachineCpu of(long[] dt, double wallMs, int cores, long userHz) {
        double msPerTick = 1000.0 / userHz;
        double wall = Math.max(1e-3, wallMs);
        double steal = dt[7] * msPerTick / wall;
        double busy = Math.min(cores, Math.max(0, cores - (dt[3] + dt[4] + dt[7]) * msPerTick / wall));
        double userTicks = dt[0] + dt[1];
        double kernelTicks = dt[2] + dt[5] + dt[6];
        double ticks = userTicks + kernelTicks;
        return new MachineCpu(busy, ticks > 0 ? busy * kernelTicks / ticks : 0, ticks > 0 ? busy * userTicks / ticks : 0,
                steal);
    }
}
