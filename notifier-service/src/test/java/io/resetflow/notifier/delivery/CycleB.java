package io.resetflow.notifier.delivery;

/** Other half of a deliberate package cycle for ArchitectureTest. */
public class CycleB {

    public io.resetflow.notifier.support.CycleA other;
}
