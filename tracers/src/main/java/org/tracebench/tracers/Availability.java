package org.tracebench.tracers;

import java.util.Optional;

/**
 * Whether a backend can run here and, if not, why, as a whole sentence, plus the command that fixes it.
 *
 * @param reason    empty when available; else e.g. "fatrace is not installed."
 * @param fixHint   e.g. "apt-get install -y fatrace"; empty when nothing simple fixes it
 * @param version   the tool's version string where known
 * @param needsRoot true when unavailable only because tracebench does not run as root: every check that can be made
 *                  without root passed (a dry run plans such a backend)
 */
public record Availability(boolean available, String reason, String fixHint, Optional<String> version, boolean needsRoot) {
    public static Availability ok(String version) {
        return new Availability(true, "", "", Optional.ofNullable(version), false);
    }

    public static Availability unavailable(String reason, String fixHint) {
        return new Availability(false, reason, fixHint == null ? "" : fixHint, Optional.empty(), false);
    }

    /** Unavailable for want of root alone (see {@link #needsRoot}). */
    public static Availability needsRoot(String reason, String fixHint) {
        return new Availability(false, reason, fixHint == null ? "" : fixHint, Optional.empty(), true);
    }
}
