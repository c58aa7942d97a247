package io.resetflow.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.resetflow.api.ApiServiceIntegrationTestBase;

/**
 * Known and unknown accounts must not be told apart by the time the intake takes: both paths look
 * the user up and wait for the broker. Compared on interleaved requests with a Mann-Whitney U test,
 * which needs no assumption about the shape of the latency distribution.
 */
class UniformAnswerTimingIntegrationTest extends ApiServiceIntegrationTestBase {

    private static final int SAMPLES = 150;
    /** |z| beyond this means the two distributions differ; lenient enough for a noisy 2-core CI machine. */
    private static final double MAX_Z = 4.0;

    @Test
    void known_and_unknown_accounts_get_the_same_answer_in_an_indistinguishable_time() throws Exception {
        TestTenant tenant = newTenant(1_000_000, 5, false);
        jdbc.sql("insert into users (id, tenant_id, email) values (?, ?, ?)")
                .params(java.util.UUID.randomUUID(), tenant.id(), "known@example.com").update();
        for (int i = 0; i < 30; i++) { // warm-up, not measured
            request(tenant, i % 2 == 0 ? "known@example.com" : "unknown@example.com");
        }
        List<Double> known = new ArrayList<>();
        List<Double> unknown = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            known.add(request(tenant, "known@example.com"));
            unknown.add(request(tenant, "unknown-" + i + "@example.com"));
        }
        double z = mannWhitneyZ(known, unknown);
        assertThat(Math.abs(z)).as("Mann-Whitney z of known vs unknown latencies (median known %.2f ms, unknown %.2f ms)",
                median(known), median(unknown)).isLessThan(MAX_Z);
    }

    private double request(TestTenant tenant, String email) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = send("POST", "/v1/password-resets", tenant.publicKey(), "{\"EmailAddress\":\"" + email + "\"}");
        double millis = (System.nanoTime() - start) / 1e6;
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Reset link sent successfully");
        return millis;
    }

    /** Normal approximation of the U statistic (ties get average ranks). */
    static double mannWhitneyZ(List<Double> a, List<Double> b) {
        record Sample(double value, boolean first) {
        }
        List<Sample> all = new ArrayList<>();
        a.forEach(v -> all.add(new Sample(v, true)));
        b.forEach(v -> all.add(new Sample(v, false)));
        all.sort((x, y) -> Double.compare(x.value(), y.value()));
        double rankSumA = 0;
        for (int i = 0; i < all.size(); ) {
            int j = i;
            while (j < all.size() && all.get(j).value() == all.get(i).value()) {
                j++;
            }
            double averageRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (all.get(k).first()) {
                    rankSumA += averageRank;
                }
            }
            i = j;
        }
        double n1 = a.size();
        double n2 = b.size();
        double u = rankSumA - n1 * (n1 + 1) / 2;
        double mean = n1 * n2 / 2;
        double sd = Math.sqrt(n1 * n2 * (n1 + n2 + 1) / 12);
        return (u - mean) / sd;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
