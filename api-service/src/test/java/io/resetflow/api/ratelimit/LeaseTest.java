package io.resetflow.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeaseTest {

    private static final long LEASE = 20_000_000L;

    @Test
    void a_new_key_claims_one_permit() {
        Lease lease = new Lease();
        assertThat(lease.take(0)).isFalse();
        assertThat(lease.nextSize(0, 64)).isEqualTo(1);
    }

    @Test
    void claims_double_while_leases_run_out_before_they_expire_up_to_the_maximum() {
        Lease lease = new Lease();
        long now = 0;
        int size = 1;
        for (int expected : new int[] {1, 2, 4, 8, 16, 32, 64, 64}) {
            size = lease.nextSize(now, 64);
            assertThat(size).isEqualTo(expected);
            lease.claimed(size, now, LEASE);
            for (int i = 1; i < size; i++) {
                assertThat(lease.take(now + i)).isTrue();
            }
            assertThat(lease.take(now + size)).as("all handed out").isFalse();
            now += 1_000_000; // the next request comes 1 ms later, well within the lease
        }
        assertThat(lease.nextSize(now, 10)).as("a lower maximum (the key's limit changed)").isEqualTo(10);
    }

    @Test
    void an_expired_lease_hands_out_nothing_and_the_next_claim_asks_for_what_it_served() {
        Lease lease = new Lease();
        lease.claimed(8, 0, LEASE);
        assertThat(lease.take(1)).isTrue();
        assertThat(lease.take(2)).isTrue();
        assertThat(lease.take(LEASE)).as("expired").isFalse();
        assertThat(lease.nextSize(LEASE, 64)).as("the claimer's permit and two more were used").isEqualTo(3);
    }

    @Test
    void a_key_under_low_traffic_keeps_claiming_one_permit_at_a_time() {
        Lease lease = new Lease();
        long now = 0;
        for (int i = 0; i < 5; i++) {
            int size = lease.nextSize(now, 64);
            assertThat(size).isEqualTo(1);
            lease.claimed(size, now, LEASE);
            now += 100_000_000; // 10 requests a second
        }
    }

    @Test
    void after_a_refusal_the_next_claim_is_for_one_permit() {
        Lease lease = new Lease();
        lease.claimed(16, 0, LEASE);
        lease.claimed(0, 1, LEASE);
        assertThat(lease.take(2)).isFalse();
        assertThat(lease.nextSize(2, 64)).isEqualTo(1);
    }

    @Test
    void a_lease_is_idle_once_it_expired_longer_ago_than_asked() {
        Lease lease = new Lease();
        lease.claimed(1, 0, LEASE);
        assertThat(lease.idleSince(LEASE + 10, 100)).isFalse();
        assertThat(lease.idleSince(LEASE + 101, 100)).isTrue();
    }
}
