package org.tracebench.tracers.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import org.tracebench.tracers.Availability;
import org.tracebench.tracers.Tracer;

/**
 * Preconditions of integration tests. Without them a test is skipped with the reason; with
 * {@code TRACEBENCH_REQUIRE_TRACERS=1} (CI) the same condition fails the test instead.
 */
public final class Requirements {
    private Requirements() {}

    public static boolean strict() {
        return "1".equals(System.getenv("TRACEBENCH_REQUIRE_TRACERS"));
    }

    /** Skips (or, strict, fails) with {@code reason} unless {@code condition}. */
    public static void require(boolean condition, String reason) {
        if (condition) return;
        if (strict()) fail(reason + " (TRACEBENCH_REQUIRE_TRACERS=1 turns this skip into a failure)");
        abort(reason);
    }

    /** The effective uid is 0 (from /proc/self/status; the user name can be root without the uid, or vice versa). */
    public static boolean isRoot() {
        return org.tracebench.tracers.proc.Probes.isRoot();
    }

    public static void requireRoot() {
        require(isRoot(), "This test needs root (tracers attach to other processes and use tracefs).");
    }

    /** Root plus the backend's own availability verdict, whose reason becomes the skip message. */
    public static void requireAvailable(Tracer tracer) {
        requireRoot();
        Availability a = tracer.availability();
        require(a.available(), tracer.name() + " is unavailable: " + a.reason() + " " + a.fixHint());
    }
}
