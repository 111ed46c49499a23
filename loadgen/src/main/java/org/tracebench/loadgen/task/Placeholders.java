package org.tracebench.loadgen.task;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Path placeholders: {@code {worker}} and legacy {@code %d} become the worker id (0-based), {@code {iteration}} the
 * worker's iteration number (0-based). Everything else in a path is literal. Thread-safe; {@link Template} is
 * immutable and meant to be compiled once per task path and expanded per operation.
 */
public final class Placeholders {
    public static final String WORKER = "{worker}";
    public static final String ITERATION = "{iteration}";
    public static final String LEGACY_WORKER = "%d";
    /** The names accepted inside braces. */
    public static final List<String> NAMES = List.of("worker", "iteration");

    private static final Pattern BRACED = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_-]*)}");

    private Placeholders() {}

    /** Expands every placeholder of {@code template}. */
    public static String expand(String template, int worker, long iteration) {
        return compile(template).expand(worker, iteration);
    }

    /**
     * Expands a path of a legacy loder file: only {@code %d} (the worker id); braces are literal there, as loder
     * took them.
     */
    public static String expandLegacy(String template, int worker) {
        return template.replace(LEGACY_WORKER, Integer.toString(worker));
    }

    /** True when the path differs per worker. */
    public static boolean usesWorker(String template) {
        return template.contains(WORKER) || template.contains(LEGACY_WORKER);
    }

    /**
     * The names one path component holding {@code {iteration}} takes: each {@code {iteration}} a number as the run
     * writes it ({@code l{iteration}} matches {@code l1} and {@code l17}, not {@code l01}), the rest literal.
     */
    public static java.util.regex.Pattern iterationNames(String component) {
        return java.util.regex.Pattern.compile(java.util.Arrays.stream(
                component.split(java.util.regex.Pattern.quote(ITERATION), -1))
                .map(java.util.regex.Pattern::quote).collect(java.util.stream.Collectors.joining("(?:0|[1-9][0-9]*)")));
    }

    /** True when the path differs per iteration. */
    public static boolean usesIteration(String template) {
        return template.contains(ITERATION);
    }

    /** Brace names in {@code template} that are not placeholders, e.g. {@code workers} in {@code f{workers}}. */
    public static List<String> unknownNames(String template) {
        List<String> out = new ArrayList<>();
        Matcher m = BRACED.matcher(template);
        while (m.find()) if (!NAMES.contains(m.group(1))) out.add(m.group(1));
        return out;
    }

    /** Splits {@code template} into literal parts and placeholders once. */
    public static Template compile(String template) {
        List<String> literals = new ArrayList<>();
        List<Character> kinds = new ArrayList<>(); // 'w' worker, 'i' iteration
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            if (template.startsWith(WORKER, i)) {
                literals.add(lit.toString()); lit.setLength(0); kinds.add('w'); i += WORKER.length();
            } else if (template.startsWith(ITERATION, i)) {
                literals.add(lit.toString()); lit.setLength(0); kinds.add('i'); i += ITERATION.length();
            } else if (template.startsWith(LEGACY_WORKER, i)) {
                literals.add(lit.toString()); lit.setLength(0); kinds.add('w'); i += LEGACY_WORKER.length();
            } else {
                lit.append(template.charAt(i++));
            }
        }
        literals.add(lit.toString());
        char[] k = new char[kinds.size()];
        for (int j = 0; j < k.length; j++) k[j] = kinds.get(j);
        return new Template(template, literals.toArray(new String[0]), k);
    }

    /** A compiled path template: literals interleaved with placeholders. */
    public static final class Template {
        private final String source;
        private final String[] literals;
        private final char[] kinds;

        private Template(String source, String[] literals, char[] kinds) {
            this.source = source;
            this.literals = literals;
            this.kinds = kinds;
        }

        /** The template as written in the task file. */
        public String source() { return source; }

        /** True when the template has no placeholder at all. */
        public boolean isConstant() { return kinds.length == 0; }

        public String expand(int worker, long iteration) {
            if (kinds.length == 0) return source;
            StringBuilder sb = new StringBuilder(source.length() + 8);
            for (int j = 0; j < kinds.length; j++) {
                sb.append(literals[j]);
                if (kinds[j] == 'w') sb.append(worker); else sb.append(iteration);
            }
            return sb.append(literals[kinds.length]).toString();
        }

        /** {@link #expand} for the worker only: every {@code {iteration}} stays as written. */
        public String expandWorker(int worker) {
            StringBuilder sb = new StringBuilder(source.length() + 8);
            for (int j = 0; j < kinds.length; j++) {
                sb.append(literals[j]).append(kinds[j] == 'w' ? Integer.toString(worker) : ITERATION);
            }
            return sb.append(literals[kinds.length]).toString();
        }

        @Override
        public String toString() { return source; }
    }
}
