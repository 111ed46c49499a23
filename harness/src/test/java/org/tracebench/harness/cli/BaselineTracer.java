package org.tracebench.harness.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tracebench.tracers.Availability;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.Sentinel;
import org.tracebench.tracers.Target;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.TraceOutcome;
import org.tracebench.tracers.TraceSession;
import org.tracebench.tracers.Tracer;

/** Temporary stand-in for the tracers module's none backend until it is merged. */
final class BaselineTracer implements Tracer.Attaching {
    @Override public String name() { return "none"; }
    @Override public String description() { return "no tracer"; }
    @Override public Availability availability() { return Availability.ok("-"); }
    @Override public Capabilities capabilities() { return Capabilities.NONE; }

    @Override
    public TraceSession attach(Target target, Path workDir, Map<String, String> options) {
        return new TraceSession() {
            @Override public void awaitReady(Sentinel s, Duration timeout) { s.poke().run(); }
            @Override public List<Long> pids() { return List.of(); }
            @Override public boolean alive() { return true; }
            @Override public TraceOutcome stop(Duration grace) { return new TraceOutcome(0, false, List.of(), 0, List.of(), List.of(), 0); }
            @Override public void events(Consumer<TraceEvent> sink) { }
            @Override public void close() { }
        };
    }
}
