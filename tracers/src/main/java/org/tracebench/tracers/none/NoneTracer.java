package org.tracebench.tracers.none;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.tracebench.tracers.Availability;
import org.tracebench.tracers.Capabilities;
import org.tracebench.tracers.Sentinel;
import org.tracebench.tracers.Target;
import org.tracebench.tracers.TraceEvent;
import org.tracebench.tracers.TraceOutcome;
import org.tracebench.tracers.TraceSession;
import org.tracebench.tracers.Tracer;

/** The baseline: no tracer at all. Its session is ready at once, runs no process, sees nothing. */
public final class NoneTracer implements Tracer.Attaching {

    @Override
    public String name() { return "none"; }

    @Override
    public String description() { return "baseline: no tracer, the cost every other backend is compared against"; }

    @Override
    public Availability availability() { return Availability.ok(null); }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(Set.of(), Set.of(), false, false, false,
                List.of("Traces nothing: the untraced baseline for overhead ratios."));
    }

    @Override
    public TraceSession attach(Target target, Path workDir, Map<String, String> options) {
        return new Session();
    }

    private static final class Session implements TraceSession {
        private volatile boolean stopped;

        /** Ready at once: there is nothing to wait for, and the sentinel is not even poked. */
        @Override
        public void awaitReady(Sentinel sentinel, Duration timeout) {}

        @Override
        public List<Long> pids() { return List.of(); }

        @Override
        public boolean alive() { return !stopped; }

        @Override
        public TraceOutcome stop(Duration grace) {
            stopped = true;
            return new TraceOutcome(0, false, List.of(), 0, List.of(), List.of(), 0);
        }

        @Override
        public void events(Consumer<TraceEvent> sink) {}

        @Override
        public void close() { stopped = true; }
    }
}
