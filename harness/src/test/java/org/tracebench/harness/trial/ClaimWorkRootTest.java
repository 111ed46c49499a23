package org.tracebench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trial removes its work root at the end only when it made it: an existing one holds someone else's files. */
class ClaimWorkRootTest {
    @TempDir Path parent;

    @Test
    void aTrialOwnsOnlyTheWorkRootItMakes() throws Exception {
        Path fresh = parent.resolve("run-1-t1");
        assertEquals(fresh, TrialWorkRoot.claimWorkRoot(fresh));
        assertTrue(Files.isDirectory(fresh), "made at once, so no other trial can claim it too");
        assertNull(TrialWorkRoot.claimWorkRoot(fresh), "a second claim of the same root fails");

        Path busy = Files.createDirectories(parent.resolve("run-2-t1")); // another harness's (same pid elsewhere)
        Path theirs = Files.writeString(busy.resolve("data"), "x");
        assertNull(TrialWorkRoot.claimWorkRoot(busy));
        assertTrue(Files.exists(theirs));

        Path deep = parent.resolve("missing/run-3-t1");
        assertEquals(deep, TrialWorkRoot.claimWorkRoot(deep), "the load generator makes it with its parents");
        assertFalse(Files.exists(deep.getParent()), "and removes them: nothing made here");
        assertNull(TrialWorkRoot.claimWorkRoot(null));
    }

    @Test
    void theLastTrialOfATaskRemovesTheTasksEmptyDirectoryUnderTheDefaultWorkRootOnly() throws Exception {
        Path top = parent.resolve("default"); // stands for /var/tmp/tracebench
        Path first = top.resolve("mixed/run-1-t1"), second = top.resolve("mixed/run-1-t2");
        Files.createDirectories(first); // made by the first trial's load generator, with its parents
        assertEquals(second, TrialWorkRoot.claimWorkRoot(second)); // claimed while the first still ran
        Files.delete(first); // the first load generator removed its own root; mixed/ was not empty then
        TrialWorkRoot.removeOwnRoot(second, top);
        assertFalse(Files.exists(top), "mixed/ and the default root, left empty, are gone");

        Path users = Files.createDirectories(parent.resolve("users-work-root"));
        Path own = users.resolve("run-1-t3");
        assertEquals(own, TrialWorkRoot.claimWorkRoot(own));
        TrialWorkRoot.removeOwnRoot(own, top);
        assertFalse(Files.exists(own));
        assertTrue(Files.isDirectory(users), "a task's own workRoot stays, empty or not");
    }
}
