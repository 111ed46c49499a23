package org.tracebench.harness.cli;

import java.util.ArrayList;
import java.util.List;
import org.tracebench.tracers.Tracer;

/** The tracer registry the harness tests run with, and the subset that can run here. */
final class TestTracers {
    private TestTracers() {}

    static List<Tracer> registry() {
        return new ArrayList<>(RunPlanning.registeredTracers());
    }

    /** The registered backend called {@code name} (available or not); a name the registry lacks is a test bug. */
    static Tracer named(String name) {
        return registry().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No tracer named " + name + " is registered."));
    }

    /** Available backends other than none. */
    static List<Tracer> availableReal() {
        return registry().stream().filter(t -> !t.name().equals("none") && t.availability().available()).toList();
    }
}
