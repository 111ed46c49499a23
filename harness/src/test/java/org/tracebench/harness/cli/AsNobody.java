package org.tracebench.harness.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tracebench.tracers.testing.Requirements;

/**
 * Runs a main class of this test classpath as user nobody (65534, through setpriv), as a user who runs tracebench
 * without sudo would: the classpath is copied into a world-readable directory first (Maven's repository under /root
 * is not readable to others). Root only.
 */
final class AsNobody {
    private AsNobody() {}

    /** {@code mainClass} with {@code args} as nobody, from a copy of the classpath in {@code tmp}: exit code, stdout, stderr. */
    static Executed run(Path tmp, String mainClass, String... args) throws IOException, InterruptedException {
        Requirements.requireRoot();
        Requirements.require(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv is missing");
        Files.createDirectories(tmp);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path from = Path.of(e);
            if (!Files.exists(from)) continue;
            Path to = tmp.resolve("cp" + n++ + (Files.isDirectory(from) ? "" : ".jar"));
            copy(from, to);
            entries.add(to.toString());
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", String.join(":", entries), mainClass));
        cmd.addAll(List.of(args));
        Path err = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException(mainClass + " as nobody did not end in 120 s: " + out);
        }
        return new Executed(p.exitValue(), out, Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Copies a file or a directory tree, everything readable (and directories searchable) by every user. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                    Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(p, dest);
                    Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }
}
