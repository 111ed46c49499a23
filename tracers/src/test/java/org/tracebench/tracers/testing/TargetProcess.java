package org.tracebench.tracers.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A separate JVM that performs a known set of file operations on command, so tracer tests have a real target.
 * Protocol on stdin/stdout, one line each: {@code SENTINEL <path>} -> creates and closes the file, answers
 * {@code SENTINEL-OK <path>}; {@code RUN <dir>} -> performs {@link #KNOWN_OPS} inside {@code dir}, answers
 * {@code DONE <child pid>}; {@code EXIT} or end of input -> exits. It prints {@code READY <pid>} first.
 */
public final class TargetProcess {
    /** What RUN does, in order, for tests to assert on (names relative to the RUN directory). */
    public static final String KNOWN_OPS = "write data.txt; read data.txt; rename data.txt->renamed.txt; "
            + "chmod renamed.txt 0600; link renamed.txt->hard.txt; symlink renamed.txt->soft.txt; mkdir subdir; "
            + "exec /bin/true";

    private TargetProcess() {}

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("SENTINEL ")) {
                Path p = Path.of(line.substring(9).trim());
                Files.write(p, new byte[] {1});
                System.out.println("SENTINEL-OK " + p);
            } else if (line.startsWith("RUN ")) {
                long child = run(Path.of(line.substring(4).trim()));
                System.out.println("DONE " + child);
            } else if (line.equals("EXIT")) {
                break;
            }
            System.out.flush();
        }
    }

    private static long run(Path dir) throws IOException, InterruptedException {
        Path data = dir.resolve("data.txt");
        Files.writeString(data, "hello tracer\n");
        Files.readAllBytes(data);
        Path renamed = dir.resolve("renamed.txt");
        Files.move(data, renamed);
        Files.setPosixFilePermissions(renamed, PosixFilePermissions.fromString("rw-------"));
        Files.createLink(dir.resolve("hard.txt"), renamed);
        Files.createSymbolicLink(dir.resolve("soft.txt"), renamed);
        Files.createDirectory(dir.resolve("subdir"));
        Process p = new ProcessBuilder("/bin/true").start();
        p.waitFor();
        return p.pid();
    }
}
