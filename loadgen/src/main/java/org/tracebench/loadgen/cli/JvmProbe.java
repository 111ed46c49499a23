package org.tracebench.loadgen.cli;

import org.tracebench.loadgen.sys.ForeignStat;
import org.tracebench.loadgen.sys.JdkInternals;

/**
 * Run in a JVM started as a load generator is ({@link LoadJvmOptions#forTask} for a task that stats and never
 * forks): prints what its ops can use, one {@code key: yes} or {@code key: no, <reason>} line each, for
 * {@code tracebench doctor}. Keys: {@code jdkInternals}, {@code foreignStat}.
 */
public final class JvmProbe {
    private JvmProbe() {}

    public static void main(String[] args) {
        System.out.println("jdkInternals: " + (JdkInternals.available() ? "yes" : "no, " + JdkInternals.unavailableReason()));
        System.out.println("foreignStat: " + (ForeignStat.available() ? "yes" : "no, " + ForeignStat.unavailableReason()));
    }
}
