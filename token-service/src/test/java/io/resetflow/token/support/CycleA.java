package io.resetflow.token.support;

/** Fixture for ArchitectureTest: half of a deliberate package cycle (support -> redeem). */
public final class CycleA {

    private CycleA() {
    }

    public static String name() {
        return "a";
    }

    public static String other() {
        return io.resetflow.token.redeem.CycleB.name();
    }
}
