package org.tracebench.harness.trial;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tracebench.harness.results.ResultsDir;

/**
 * Removes trial work roots ({@code run-<harness pid>-t<N>}, see {@link TrialWorkRoot#privateWorkRoot}) that a harness
 * killed with SIGKILL could not remove: {@link TrialRunner} sweeps each parent directory once per run, before the
 * first trial that works there. A root is stale when its harness pid is not running and no load generator holds
 * its lock file ({@code .tracebench.lock}, an fcntl lock a live load generator keeps); anything else is left alone,
 * so a pid reused by another process only delays the removal.
 */
public final class StaleWorkRoots {
    private static final Pattern NAME = Pattern.compile("run-(\\d+)-t\\d+");
    /** {@code tracebench micro}'s work directory for one tracer: {@code tracebench-micro-<harness pid>-<tracer>}. */
    private static final Pattern MICRO = Pattern.compile("tracebench-micro-([1-9][0-9]{0,9})-[a-z0-9]+(?:-[a-z0-9]+)*");
    private StaleWorkRoots() {}

    /** Where {@code micro} makes its work directories: {@code -Dtracebench.bench.dir}, default /var/tmp (a disk). */
    public static Path microParent() {
        return Path.of(System.getProperty("tracebench.bench.dir", "/var/tmp"));
    }

    /** {@code micro}'s work directory for {@code tracer} in this process, in {@link #microParent()}. */
    public static Path microWorkDir(String tracer) {
        return microParent().resolve("tracebench-micro-" + ProcessHandle.current().pid() + "-" + tracer);
    }

    /**
     * The work directories in {@link #microParent()} of {@code micro} runs whose process is gone (killed with
     * SIGKILL): their JMH files, tracer output and sentinel. Only that exact name form, never a symlink.
     */
    public static List<Path> findMicro() {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(microParent())) {
            for (Path p : entries) {
                Matcher m = MICRO.matcher(p.getFileName().toString());
                if (m.matches() && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) stale.add(p);
            }
        } catch (IOException e) {
            // no such or unreadable parent: nothing found there
        }
        stale.sort(null);
        return stale;
    }

    /** Removes the stale roots in {@code parent}; returns how many. Failures leave a root in place. */
    public static int sweep(Path parent) {
        int removed = 0;
        for (Path p : find(parent)) {
            try {
                ResultsDir.deleteTree(p);
                removed++;
            } catch (IOException e) {
                // left for a later run or doctor; never fails a trial
            }
        }
        return removed;
    }

    /** The stale roots directly in {@code parent} (none when it is not a readable directory). */
    public static List<Path> find(Path parent) {
        List<Path> stale = new ArrayList<>();
        if (!Files.isDirectory(parent)) return stale;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path p : entries) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).isEmpty() && !org.tracebench.loadgen.run.WorkRootLock.heldByAnother(p)) stale.add(p);
            }
        } catch (IOException e) {
            // unreadable parent: the load generator reports it
        }
        stale.sort(null);
        return stale;
    }

    /**
     * Where {@code doctor} looks: the load generator's default work root and the directories directly in it, which
     * is where the bundled task files put theirs ({@code /var/tmp/tracebench/<name>}).
     */
    public static List<Path> findInDefaultPlaces(Path defaultRoot) {
        List<Path> stale = new ArrayList<>(find(defaultRoot));
        if (Files.isDirectory(defaultRoot)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(defaultRoot, Files::isDirectory)) {
                for (Path d : dirs) if (!NAME.matcher(d.getFileName().toString()).matches()) stale.addAll(find(d));
            } catch (IOException e) {
                // unreadable: nothing found there
            }
        }
        return stale;
    }
}
