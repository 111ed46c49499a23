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

    /** Available backends other than none. */
    static List<Tracer> availableReal() {
        return registry().stream().filter(t -> !t.name().equals("none") && t.availability().available()).toList();
    }
}
