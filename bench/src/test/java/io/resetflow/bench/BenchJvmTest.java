package io.resetflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class BenchJvmTest {

    @Test
    void a_broker_threads_cpu_counts_as_the_brokers_and_the_parts_add_up_to_the_process() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread broker = new Thread(() -> {
            long spent = 0;
            while (threads.getCurrentThreadCpuTime() < 50_000_000L) {
                spent += System.nanoTime() % 7; // burns CPU until this thread has used 50 ms of it
            }
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(spent).isNotNegative();
        }, "data-plane-kafka-request-handler-7");
        broker.start();
        try {
            busy.await();
            Map<String, Double> split = BenchJvm.cpuSplit(100.0);

            assertThat(split).containsOnlyKeys(BenchJvm.BROKER_PART, BenchJvm.GENERATOR_PART, BenchJvm.REST_PART);
            assertThat(split.get(BenchJvm.BROKER_PART)).isGreaterThanOrEqualTo(0.05);
            assertThat(split.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(100.0,
                    org.assertj.core.data.Offset.offset(1e-9));
        } finally {
            release.countDown();
            broker.join();
        }
    }

    @Test
    void without_a_broker_in_this_jvm_there_are_no_request_meters() {
        assertThat(BenchJvm.brokerRequests()).isEmpty();
    }
}
