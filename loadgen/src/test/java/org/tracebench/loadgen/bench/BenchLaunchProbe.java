package org.tracebench.loadgen.bench;

/**
 * Runs one {@link OpBenchmark} iteration of the op kind {@code args[0]} as a JMH fork would (setUp, operation,
 * tearDown) and prints the launch mechanism the JDK's ProcessImpl then holds, the one every child was started with.
 */
public final class BenchLaunchProbe {
    private BenchLaunchProbe() {}

    public static void main(String[] args) throws Exception {
        OpBenchmark b = new OpBenchmark();
        b.op = args[0];
        b.setUp();
        try {
            b.operation();
        } finally {
            b.tearDown();
        }
        java.lang.reflect.Field f = Class.forName("java.lang.ProcessImpl").getDeclaredField("launchMechanism");
        f.setAccessible(true); // java.lang is opened by LoadJvmOptions
        System.out.println(f.get(null));
    }
}
