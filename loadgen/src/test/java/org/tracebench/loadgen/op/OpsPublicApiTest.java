package org.tracebench.loadgen.op;

/** Every {@link OpsTest} again, with the ops on the public JDK APIs (the path without {@code --add-opens}). */
class OpsPublicApiTest extends OpsTest {
    @Override boolean jdkInternals() { return false; }
}
