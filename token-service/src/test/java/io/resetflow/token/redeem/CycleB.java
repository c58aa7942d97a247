package io.resetflow.token.redeem;

/** Fixture for ArchitectureTest: the other half of a deliberate package cycle (redeem -> support). */
public final class CycleB {

    private CycleB() {
    }

    public static String name() {
        return "b";
    }

    public static String other() {
        return io.resetflow.token.support.CycleA.name();
    }
}
