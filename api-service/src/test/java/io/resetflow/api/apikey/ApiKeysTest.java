package io.resetflow.api.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void well_known_local_keys_are_refused_outside_the_local_profile() {
        ApiKeys keys = new ApiKeys(null, new ApiKeyProperties(false), java.time.Clock.systemUTC());
        assertThat(keys.authenticate("rf_pub_demo_local")).isEmpty();
        assertThat(keys.authenticate("rf_sec_demo_local")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
    }

    @Test
    void keys_are_stored_as_sha256_never_in_the_clear() {
        assertThat(ApiKeys.hash("rf_pub_demo_local")).hasSize(64).doesNotContain("demo");
    }
}
