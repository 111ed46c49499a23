package org.tracebench.loadgen.sys;

import java.util.List;
import java.util.Locale;

/**
 * The JDK-internal native methods behind {@link RawFiles} and {@link RawExec}, looked up once per JVM.
 *
 * <p>Why: the public APIs cost as much user-space work as the system call itself for the cheapest ops. A
 * {@code FileChannel} open+read+close ran at 0.81× a C loop here, while the JDK's own wrappers
 * ({@code UnixNativeDispatcher.open0/read/close0}) issue the same {@code openat}, {@code read}, {@code close} at
 * 1.0×; {@code ProcessBuilder} hands every child to a reaper thread (two cross-thread wake-ups per exec) where
 * {@code ProcessImpl.forkAndExec} and {@code waitpid} on the worker thread do not (docs/load-ops.md).
 *
 * <p>Contract: {@link #available()} is decided once, at class initialization, and never changes. It needs the
 * packages in {@link #JVM_OPTIONS} opened to the unnamed module (the harness, the launcher, compare.sh and the JMH
 * forks start the load generator with them) and a JDK whose method signatures match (JDK 17); otherwise it is
 * false, {@link #unavailableReason()} says why, and every op uses the public API instead. {@code
 * -Dtracebench.jdkInternals=false} forces the public APIs (for A/B runs). The lookups live in {@link Handles}, so
 * that reading {@link #JVM_OPTIONS} (the harness does) neither looks anything up nor initializes
 * {@code java.lang.ProcessImpl}, which fixes the JVM's launch mechanism: {@code LaunchMechanisms.apply} must come
 * first.
 */
public final class JdkInternals {
    /** Set to {@code false} to use only public JDK APIs. */
    public static final String PROPERTY = "tracebench.jdkInternals";
    /** What a load-generator JVM needs on its command line for {@link #available()}. */
    public static final List<String> JVM_OPTIONS = List.of(
            "--add-opens=java.base/sun.nio.fs=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED");

    private JdkInternals() {}

    /** True when {@link RawFiles} and {@link RawExec} may be used in this JVM. */
    public static boolean available() { return Handles.UNAVAILABLE == null; }

    /** Why {@link #available()} is false, as a sentence fragment; null when available. */
    public static String unavailableReason() { return Handles.UNAVAILABLE; }

    /**
     * The mode number {@code forkAndExec} takes for a launch mechanism name (FORK, POSIX_SPAWN, VFORK), or -1 for an
     * unknown name or when {@link #available()} is false.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int launchMode(String mechanism) {
        if (!available() || mechanism == null) return -1;
        try {
            String name = mechanism.trim().toUpperCase(Locale.ROOT);
            return Enum.valueOf((Class) Handles.LAUNCH_MECHANISM, name).ordinal() + 1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
