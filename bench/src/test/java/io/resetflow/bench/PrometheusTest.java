package io.resetflow.bench;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTest {

    static final String BEFORE = """
            # HELP http_server_requests_seconds
            # TYPE http_server_requests_seconds summary
            http_server_requests_seconds_count{method="POST",status="200",uri="/v1/password-resets"} 10
            http_server_requests_seconds_sum{method="POST",status="200",uri="/v1/password-resets"} 0.5
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1048576
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9999999
            """;
    static final String AFTER = """
            http_server_requests_seconds_count{method="POST",status="200",uri="/v1/password-resets"} 110 # {trace_id="x"} 0.1 1.7E9
            http_server_requests_seconds_sum{method="POST",status="200",uri="/v1/password-resets"} 2.5
            spring_kafka_listener_seconds_count{name="x-0",result="success"} 40
            spring_kafka_listener_seconds_sum{name="x-0",result="success"} 4.0
            process_uptime_seconds 100
            """;

    @Test
    void parsesSeriesWithLabelsExemplarsAndPlainNames() {
        Map<String, Double> after = Prometheus.parse(AFTER);
        assertThat(after).containsEntry("http_server_requests_seconds_count{method=\"POST\",status=\"200\",uri=\"/v1/password-resets\"}", 110.0);
        assertThat(after).containsEntry("process_uptime_seconds", 100.0);
        assertThat(Prometheus.sum(Prometheus.parse(BEFORE), "jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(3.0 * 1048576);
    }

    @Test
    void timersFromTheDeltaBusiestFirst() {
        Map<String, Double> delta = Prometheus.delta(Prometheus.parse(BEFORE), Prometheus.parse(AFTER));
        List<Prometheus.Timer> timers = Prometheus.timers(delta);
        assertThat(timers).hasSize(2);
        assertThat(timers.get(0).series()).startsWith("spring_kafka_listener_seconds{");
        assertThat(timers.get(0).count()).isEqualTo(40);
        assertThat(timers.get(0).meanMs()).isEqualTo(100.0);
        assertThat(timers.get(1).count()).isEqualTo(100);
        assertThat(timers.get(1).meanMs()).isEqualTo(20.0);
        assertThat(delta).doesNotContainKey("process_uptime_seconds");
    }
}
