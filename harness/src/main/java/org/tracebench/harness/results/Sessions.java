package org.tracebench.harness.results;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracebench.tracers.Tracer;
import oshi.SystemInfo;

/**
 * The sessions that ran a results directory's trials, as manifest.json records them: the first session's
 * {@code startedAt}, {@code environment}, {@code tracerVersions} and {@code tracebench} are the manifest's own fields
 * (written when the run began, never changed), and each {@code run --resume} appends an object with the same four
 * fields to the list {@code resumes} (its {@code tracerVersions}: the tracers of the trials it set out to run). A
 * trial ran in the last session whose {@code startedAt} is not after its trial.json's {@code startedAt}.
 */
public final class Sessions {
    private Sessions() {}

    /** manifest.json's list of resumed sessions. */
    public static final String RESUMES = "resumes";

    /** This session as a {@link #RESUMES} entry: now, this machine, the versions of {@code tracers}, tracebench's. */
    public static Map<String, Object> current(Collection<Tracer> tracers, String tracebenchVersion) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("startedAt", Instant.now().toString());
        m.put("environment", Environment.describe(new SystemInfo()));
        Map<String, Object> versions = new LinkedHashMap<>();
        tracers.forEach(t -> versions.put(t.name(), Environment.tracerVersion(t)));
        m.put("tracerVersions", versions);
        m.put("tracebench", Environment.tracebench(tracebenchVersion));
        return m;
    }

    /**
     * Appends {@code session} to {@code dir}'s manifest.json's {@link #RESUMES}, rewriting the file atomically with
     * every other field as it was; returns the manifest as written.
     */
    public static Map<String, Object> append(ResultsDir dir, Map<String, Object> session) throws IOException {
        return dir.appendToManifest(RESUMES, session);
    }

    /**
     * The 1-based session of {@code manifest} that ran a trial whose trial.json says {@code startedAt}: the last one
     * that started before it; 0 when either time is missing or not an ISO-8601 instant.
     */
    public static int sessionOf(Map<String, Object> manifest, Object startedAt) {
        Instant at = instant(startedAt);
        if (at == null) return 0;
        int session = 0;
        List<Map<String, Object>> all = of(manifest);
        for (int i = 0; i < all.size(); i++) {
            Instant s = instant(all.get(i).get("startedAt"));
            if (s == null) return 0;
            if (!s.isAfter(at)) session = i + 1;
        }
        return session;
    }

    private static Instant instant(Object o) {
        try {
            return o == null ? null : Instant.parse(String.valueOf(o));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Every session of a manifest in order: the first (the manifest itself, whose other fields are ignored), then
     * each {@link #RESUMES} entry that is a JSON object.
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> of(Map<String, Object> manifest) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(manifest);
        if (manifest.get(RESUMES) instanceof List<?> l) {
            for (Object o : l) if (o instanceof Map<?, ?> s) out.add((Map<String, Object>) s);
        }
        return out;
    }
}
