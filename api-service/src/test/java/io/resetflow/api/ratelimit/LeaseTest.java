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
        for (int expected : new int[] {1, 2, 4, 8, 16, 32, 64, 64}) {
            int size = lease.nextSize(now, 64);
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
    void a_refusal_is_remembered_until_the_next_permit_is_due_and_the_claim_after_it_is_for_one() {
        Lease lease = new Lease();
        lease.claimed(16, 0, LEASE);
        lease.refusedUntil(5_000_000);
        assertThat(lease.take(1)).as("the lease is gone").isFalse();
        assertThat(lease.refusedFor(1_000_000)).isEqualTo(4_000_000);
        assertThat(lease.refusedFor(5_000_000)).as("due").isZero();
        assertThat(lease.nextSize(5_000_000, 64)).isEqualTo(1);
        lease.claimed(1, 5_000_000, LEASE);
        assertThat(lease.refusedFor(5_000_001)).as("a claim ends the refusal").isZero();
    }

    @Test
    void while_the_bucket_is_too_full_for_several_permits_claims_are_for_one() {
        Lease lease = new Lease();
        lease.claimed(4, 0, LEASE);
        lease.take(1);
        lease.take(2);
        lease.take(3);
        lease.singlesUntil(5 + LEASE);
        assertThat(lease.nextSize(10, 64)).isEqualTo(1);
        lease.claimed(1, 10, LEASE);
        assertThat(lease.nextSize(11, 64)).as("still within the singles period").isEqualTo(1);
        assertThat(lease.nextSize(6 + LEASE, 64)).as("over, and the last permit went before it expired").isEqualTo(2);
    }

    @Test
    void another_limit_forgets_the_lease_and_the_refusal() {
        Lease lease = new Lease();
        lease.limit(1_000, 999_000);
        lease.claimed(8, 0, LEASE);
        lease.refusedUntil(LEASE);
        lease.limit(1_000, 999_000);
        assertThat(lease.refusedFor(1)).as("same limit: kept").isPositive();
        lease.limit(500, 999_500);
        assertThat(lease.refusedFor(1)).as("the tenant raised its limit").isZero();
        assertThat(lease.nextSize(1, 64)).isEqualTo(1);
    }

    @Test
    void a_lease_is_idle_once_nobody_asked_for_longer_than_given() {
        Lease lease = new Lease();
        lease.take(0);
        assertThat(lease.idleSince(100, 100)).isFalse();
        assertThat(lease.idleSince(101, 100)).isTrue();
    }
}
