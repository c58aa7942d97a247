package io.resetflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the bench JVM's own CPU went to, and what its Kafka broker was asked: the broker, the SMTP capture and the load
 * generator share this JVM, so its process CPU alone does not say which of them costs what.
 */
final class BenchJvm {

    /** Threads of the in-process KRaft broker and controller (not the Kafka clients, whose names carry " | "). */
    private static final Pattern BROKER = Pattern.compile("^(data-plane-|executor-|ExpirationReaper|group-coordinator"
            + "|share-coordinator|transaction-|quorum-controller|controller-\\d|broker-\\d|kafka-\\d+-|kafka-scheduler"
            + "|kafka-log-cleaner|LogDirFailureHandler)");
    /** The load generator's HTTP client (java.net.http) and its executor. */
    private static final Pattern GENERATOR = Pattern.compile("^(bench-http|HttpClient-)");

    static final String BROKER_PART = "Kafka broker";
    static final String GENERATOR_PART = "load generator";
    static final String REST_PART = "rest of the bench JVM (SMTP capture, GC, JIT, bench)";

    private BenchJvm() {
    }

    /**
     * CPU seconds of the bench JVM split into the broker's threads, the generator's threads and the rest (everything
     * else, including threads that ended, such as GreenMail's one thread per SMTP connection): the three add up to
     * {@code processSeconds}.
     */
    static Map<String, Double> cpuSplit(double processSeconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double broker = 0;
        double generator = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos <= 0) {
                continue;
            }
            String name = info.getThreadName();
            if (BROKER.matcher(name).find()) {
                broker += nanos / 1e9;
            } else if (GENERATOR.matcher(name).find()) {
                generator += nanos / 1e9;
            }
        }
        Map<String, Double> split = new LinkedHashMap<>();
        split.put(BROKER_PART, broker);
        split.put(GENERATOR_PART, generator);
        split.put(REST_PART, Math.max(0, processSeconds - broker - generator));
        return split;
    }

    /** Requests the broker has answered so far, by request type (Produce, Fetch, ...), from its JMX meters. */
    static Map<String, Long> brokerRequests() {
        Map<String, Long> counts = new TreeMap<>();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            for (ObjectName name : server.queryNames(
                    new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
                String request = name.getKeyProperty("request");
                Object count = server.getAttribute(name, "Count");
                if (request != null && count instanceof Number n) {
                    counts.merge(request, n.longValue(), Long::sum);
                }
            }
        } catch (Exception e) {
            Bench.log("broker request meters not readable: " + e);
        }
        return counts;
    }
}
