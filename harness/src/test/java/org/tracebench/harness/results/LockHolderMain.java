package org.tracebench.harness.results;

import java.nio.file.Path;

/** Holds {@link HarnessLock} on a file as its own JVM: prints "held" once locked, and holds it until stdin closes. */
public final class LockHolderMain {
    private LockHolderMain() {}

    public static void main(String[] args) throws Exception {
        try (HarnessLock l = HarnessLock.acquire(Path.of(args[0]))) {
            System.out.println("held");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the test closes our stdin or kills us
            }
        }
    }

    /** Starts a JVM holding {@code file}'s lock and returns once it holds it. */
    public static Process start(Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName(),
                file.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        if (!"held".equals(line)) {
            p.destroyForcibly();
            throw new AssertionError("the lock holder did not take " + file + ": " + line);
        }
        return p;
    }
}
