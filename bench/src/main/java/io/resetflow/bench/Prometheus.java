package io.resetflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a service's {@code /actuator/prometheus} text and compares two scrapes. */
public final class Prometheus {

    /** The timer and counter families worth a look when hunting a bottleneck. */
    static final Pattern INTERESTING = Pattern.compile("^(http_server_requests_seconds|http_client_requests_seconds"
            + "|spring_kafka_listener_seconds|spring_kafka_template_seconds|hikaricp_connections_(acquire|usage)_seconds"
            + "|jvm_gc_pause_seconds|resetflow_.*|outbox.*|delivery.*|mail.*|tasks_scheduled_execution_seconds"
            + "|kafka_producer_record_send_total|kafka_consumer_fetch_manager_records_consumed_total"
            + "|executor_completed_tasks_total)(_count|_sum|_total)?$");

    private Prometheus() {
    }

    /** series ("name{labels}") to value; lines that are comments or do not parse are skipped. */
    public static Map<String, Double> parse(String text) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            int seriesEnd;
            if (brace >= 0 && (space < 0 || brace < space)) {
                int close = line.indexOf("} ", brace);
                if (close < 0) {
                    continue;
                }
                seriesEnd = close + 1;
            } else {
                if (space <= 0) {
                    continue;
                }
                seriesEnd = space;
            }
            String series = line.substring(0, seriesEnd);
            String[] rest = line.substring(seriesEnd).trim().split("\\s+");
            String value = rest.length == 0 ? "" : rest[0];
            try {
                values.put(series, Double.parseDouble(value));
            } catch (NumberFormatException ignored) {
                // not a sample
            }
        }
        return values;
    }

    public static String name(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }

    public static String labels(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? "" : series.substring(brace);
    }

    /** after - before for the interesting counters (_count, _sum, _total), only where something changed. */
    public static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> delta = new LinkedHashMap<>();
        after.forEach((series, value) -> {
            String name = name(series);
            if (!INTERESTING.matcher(name).matches()) {
                return;
            }
            if (!(name.endsWith("_count") || name.endsWith("_sum") || name.endsWith("_total"))) {
                return;
            }
            double d = value - before.getOrDefault(series, 0.0);
            if (d != 0) {
                delta.put(series, d);
            }
        });
        return delta;
    }

    /** A timer's change between two scrapes: how many, and the mean in milliseconds. */
    public record Timer(String series, long count, double meanMs, double totalSeconds) {
    }

    /** Timers (a _seconds_count with its _seconds_sum) from a delta, busiest (by total time) first. */
    public static List<Timer> timers(Map<String, Double> delta) {
        List<Timer> timers = new ArrayList<>();
        delta.forEach((series, count) -> {
            String name = name(series);
            if (!name.endsWith("_seconds_count") || count <= 0) {
                return;
            }
            String base = name.substring(0, name.length() - "_count".length());
            Double sum = delta.get(base + "_sum" + labels(series));
            if (sum == null) {
                return;
            }
            timers.add(new Timer(base + labels(series), Math.round(count), sum * 1000.0 / count, sum));
        });
        timers.sort((a, b) -> Double.compare(b.totalSeconds(), a.totalSeconds()));
        return timers;
    }

    /** Sum of the series of one metric whose labels contain every given fragment (e.g. area="heap"). */
    public static double sum(Map<String, Double> values, String metric, String... labelFragments) {
        double total = 0;
        outer:
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (!name(e.getKey()).equals(metric)) {
                continue;
            }
            for (String fragment : labelFragments) {
                if (!e.getKey().contains(fragment)) {
                    continue outer;
                }
            }
            total += e.getValue();
        }
        return total;
    }

    /** One scrape; empty on any failure (a scrape must never stop the bench). */
    public static Map<String, Double> scrape(HttpClient http, String baseUrl) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body()) : Map.of();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Map.of();
        }
    }
}
