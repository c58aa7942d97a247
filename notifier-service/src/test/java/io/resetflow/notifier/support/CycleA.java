package io.resetflow.notifier.support;

/** Half of a deliberate package cycle (support -> delivery -> support) for ArchitectureTest. */
public class CycleA {

    public io.resetflow.notifier.delivery.CycleB other;
}
