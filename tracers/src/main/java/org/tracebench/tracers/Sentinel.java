package org.tracebench.tracers;

import java.nio.file.Path;

/**
 * How {@link TraceSession#awaitReady} proves a tracer is attached: {@code poke} makes the target itself open
 * {@code path} (the harness asks the load generator to do it); the session waits until its output shows that.
 * {@code poke} may be called repeatedly and from any thread.
 */
public record Sentinel(Path path, Runnable poke) {
}
