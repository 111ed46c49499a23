package org.tracebench.tracers.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads captured tracer output for the parser benchmarks: from the classpath ({@code fixtures/NAME} beside this
 * class: tracers' main resources, so also in the shaded tracebench.jar) or else from {@code DIR/NAME} (another
 * capture, e.g. {@code -p fixture=mine.txt -p fixtureDir=/tmp}), and replicates it in memory to a fixed number of lines.
 */
final class BenchFixtures {
    /** Where the shipped fixtures are in the source tree (the default fixtureDir, for a checkout). */
    static final String SOURCE_DIR = "tracers/src/main/resources/org/tracebench/tracers/bench/fixtures";

    private BenchFixtures() {}

    static String text(String name, String dir) throws IOException {
        try (InputStream in = BenchFixtures.class.getResourceAsStream("fixtures/" + name)) {
            if (in != null) return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path p = Path.of(dir, name);
        if (!Files.exists(p)) {
            throw new IOException("Fixture " + name + " is neither on the classpath (org/tracebench/tracers/bench/fixtures) nor in "
                    + p.toAbsolutePath() + "; pass -p fixtureDir=DIR with the directory that holds it.");
        }
        return Files.readString(p);
    }

    /** The fixture's lines repeated until there are {@code lines} of them. */
    static String[] replicate(String text, int lines) {
        List<String> one = text.lines().toList();
        List<String> out = new ArrayList<>(lines);
        while (out.size() < lines) {
            for (String l : one) {
                if (out.size() == lines) break;
                out.add(l);
            }
        }
        return out.toArray(new String[0]);
    }

    /** The replicated lines joined as one text, for the reader-based benchmark. */
    static String join(String[] lines) {
        StringBuilder b = new StringBuilder(lines.length * 120);
        for (String l : lines) b.append(l).append('\n');
        return b.toString();
    }
}
