package io.resetflow.token.redeem;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RestController;

import io.resetflow.schemas.avro.ResetLinkIssued;

/** Deliberately breaks the architecture rules; only ArchitectureTest's proofs import it. */
final class ViolatesBoundaries {

    private ViolatesBoundaries() {
    }

    /** The Avro contract outside the Kafka edge. */
    static String linkIdOf(ResetLinkIssued event) {
        return event.getLinkId();
    }

    /** A web adapter querying tables itself. */
    @RestController
    static class QueryingController {
        private final JdbcClient jdbc;

        QueryingController(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        long tokens() {
            return jdbc.sql("select count(*) from reset_tokens").query(Long.class).single();
        }
    }
}
