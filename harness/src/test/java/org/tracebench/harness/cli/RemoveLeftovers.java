package org.tracebench.harness.cli;

import org.tracebench.harness.trial.Leftovers;

/** Finds and removes tracebench leftovers as this user, printing "removed ..." and "failed: ..." lines (for {@link AsNobody}). */
public final class RemoveLeftovers {
    private RemoveLeftovers() {}

    public static void main(String[] args) throws Exception {
        Leftovers left = Leftovers.find(java.nio.file.Path.of(args[0]));
        left.remove(l -> System.out.println("removed " + l), l -> System.out.println("failed: " + l));
    }
}
