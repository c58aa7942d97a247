package io.resetflow.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs accepted requests with captured emails per recipient, in order: the k-th accepted request to an address
 * (by send time) with the k-th email to it (by arrival). Counts what is left over on either side: requests without
 * an email are lost, emails without a request are doubled (or answer a request the client gave up on).
 */
public final class EmailMatcher {

    /** An accepted request: recipient and when it was sent (epoch microseconds). */
    public record Request(String recipient, long sentAtMicros) {
    }

    /** A captured email: recipient and when the SMTP capture stored it (epoch microseconds). */
    public record Email(String recipient, long receivedAtMicros) {
    }

    /** matched pairs, lost requests, extra emails; latencies of the matched pairs in microseconds. */
    public record Result(long matched, long lost, long extra, LatencyStats latencies, long firstEmailMicros,
                         long lastEmailMicros) {
    }

    private EmailMatcher() {
    }

    public static Result match(Collection<Request> requests, Collection<Email> emails) {
        Map<String, List<Long>> sent = new HashMap<>();
        for (Request r : requests) {
            sent.computeIfAbsent(r.recipient().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>()).add(r.sentAtMicros());
        }
        Map<String, List<Long>> received = new HashMap<>();
        for (Email e : emails) {
            received.computeIfAbsent(e.recipient().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>()).add(e.receivedAtMicros());
        }
        LatencyStats latencies = new LatencyStats();
        long matched = 0;
        long lost = 0;
        long extra = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Map.Entry<String, List<Long>> entry : sent.entrySet()) {
            List<Long> out = entry.getValue();
            List<Long> in = received.getOrDefault(entry.getKey(), List.of());
            out.sort(null);
            List<Long> arrivals = new ArrayList<>(in);
            arrivals.sort(null);
            int pairs = Math.min(out.size(), arrivals.size());
            for (int i = 0; i < pairs; i++) {
                latencies.add(Math.max(0, arrivals.get(i) - out.get(i)));
                first = Math.min(first, arrivals.get(i));
                last = Math.max(last, arrivals.get(i));
            }
            matched += pairs;
            lost += out.size() - pairs;
            extra += arrivals.size() - pairs;
        }
        for (Map.Entry<String, List<Long>> entry : received.entrySet()) {
            if (!sent.containsKey(entry.getKey())) {
                extra += entry.getValue().size();
            }
        }
        return new Result(matched, lost, extra, latencies, first == Long.MAX_VALUE ? 0 : first,
                last == Long.MIN_VALUE ? 0 : last);
    }
}
