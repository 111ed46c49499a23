package org.tracebench.harness.bpfstats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kernel time spent in a tracer's BPF programs over a window: the difference of two {@link BpfPrograms} snapshots.
 * Programs loaded during the window count from zero; programs gone by its end are left out.
 *
 * @param programs      per-program differences
 * @param runTimeNs     total nanoseconds the programs ran
 * @param runCount      total program runs (probe hits)
 * @param windowSeconds the window's wall time
 */
public record BpfUsage(List<BpfPrograms.Program> programs, long runTimeNs, long runCount, double windowSeconds) {
    public BpfUsage {
        programs = List.copyOf(programs);
    }

    /** The difference {@code after − before} over a window of {@code windowSeconds}. */
    public static BpfUsage between(Map<Long, BpfPrograms.Program> before, Map<Long, BpfPrograms.Program> after,
                                   double windowSeconds) {
        List<BpfPrograms.Program> out = new ArrayList<>();
        long time = 0, count = 0;
        for (BpfPrograms.Program a : after.values()) {
            BpfPrograms.Program b = before.get(a.id());
            long dt = Math.max(0, a.runTimeNs() - (b == null ? 0 : b.runTimeNs()));
            long dc = Math.max(0, a.runCount() - (b == null ? 0 : b.runCount()));
            out.add(new BpfPrograms.Program(a.id(), a.name(), a.type(), dt, dc, a.source()));
            time += dt;
            count += dc;
        }
        return new BpfUsage(out, time, count, windowSeconds);
    }

    /** Mean nanoseconds per program run (per probe hit); NaN without runs. */
    public double nsPerHit() {
        return runCount == 0 ? Double.NaN : (double) runTimeNs / runCount;
    }

    /** Mean cores busy in the programs over the window (1.0 = one core). */
    public double cores() {
        return windowSeconds > 0 ? runTimeNs / 1e9 / windowSeconds : Double.NaN;
    }

    /** The {@code bpfStats} object of trial.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runTimeNs", runTimeNs);
        m.put("runCount", runCount);
        m.put("nsPerHit", Double.isNaN(nsPerHit()) ? null : (Object) (Math.round(nsPerHit() * 10) / 10.0));
        m.put("cores", Double.isNaN(cores()) ? null : (Object) (Math.round(cores() * 1e6) / 1e6));
        m.put("windowSeconds", Math.round(windowSeconds * 1000) / 1000.0);
        List<Object> ps = new ArrayList<>();
        for (BpfPrograms.Program p : programs) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("id", p.id());
            pm.put("name", p.name());
            pm.put("type", p.type());
            pm.put("runTimeNs", p.runTimeNs());
            pm.put("runCount", p.runCount());
            pm.put("source", p.source());
            ps.add(pm);
        }
        m.put("programs", ps);
        return m;
    }
}
