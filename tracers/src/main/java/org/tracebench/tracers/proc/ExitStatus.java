package org.tracebench.tracers.proc;

/**
 * How a process ended, in words. Java's {@link Process#exitValue()} reports a death by signal N as 128 + N, the
 * value a shell gives for a child killed by N: both read as "killed by" here (a wrapper shell that exits 137 reports
 * that its child was killed by SIGKILL).
 */
public final class ExitStatus {
    private static final String[] SIGNALS = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
            "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
            "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};

    private ExitStatus() {}

    /** The signal's name for an exit code of 128 + a Linux signal number (137: "SIGKILL"), or null. */
    public static String signal(int exitCode) {
        int n = exitCode - 128;
        return n > 0 && n < SIGNALS.length ? "SIG" + SIGNALS[n] : null;
    }

    /** "was killed by SIGKILL (exit code 137)", or "exited with code N" when the code is no signal's. */
    public static String describe(int exitCode) {
        String signal = signal(exitCode);
        return signal != null ? "was killed by " + signal + " (exit code " + exitCode + ")" : "exited with code " + exitCode;
    }
}
