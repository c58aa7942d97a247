package io.resetflow.api.intake;

/** Deliberately breaks the Avro boundary, so the architecture test can prove its rule fails. */
public class ViolatesAvroBoundary {
    public io.resetflow.schemas.avro.ResetRequested leak() {
        return null;
    }
}
