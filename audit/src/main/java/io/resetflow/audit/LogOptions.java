package io.resetflow.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.resetflow.schemas.Topics;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Where and what to read: shared by every command. */
public class LogOptions {

    /** Every audited topic: the event topics in flow order, then the tenant settings. */
    static final List<String> AUDITED_TOPICS = auditedTopics();

    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT",
            description = "Kafka broker(s) to read from, e.g. 127.0.0.1:9092.")
    String bootstrapServer;

    @Option(names = "--topic", paramLabel = "TOPIC", split = ",",
            description = "Topic(s) to read instead of all audited topics (reset.requested, reset.link-issued, "
                    + "reset.throttled, delivery.outcome, reset.link-redeemed, password.changed, tenant.settings); repeatable.")
    List<String> topics = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30S",
            description = "Give up when the broker does not answer or reading makes no progress for this long (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--consumer-property", paramLabel = "KEY=VALUE",
            description = "Extra Kafka consumer setting (security, etc.); repeatable.")
    Map<String, String> extraProperties = new LinkedHashMap<>();

    @Option(names = "--consumer-config", paramLabel = "FILE",
            description = "Kafka consumer settings from a properties file (e.g. SASL/SSL); values are never printed.")
    Path consumerConfig;

    @Option(names = "--no-progress", description = "Never print progress on stderr.")
    boolean noProgress;

    Instant from;
    Instant to;

    List<String> topics() {
        return topics.isEmpty() ? AUDITED_TOPICS : topics;
    }

    Map<String, String> consumerProperties() {
        Map<String, String> result = new HashMap<>();
        if (consumerConfig != null) {
            Properties file = new Properties();
            try (InputStream in = Files.newInputStream(consumerConfig)) {
                file.load(in);
            } catch (IOException e) {
                throw new AuditException("cannot read consumer config " + consumerConfig + ": " + e.getMessage());
            }
            file.stringPropertyNames().forEach(k -> result.put(k, file.getProperty(k)));
        }
        result.putAll(extraProperties);
        return result;
    }

    private static List<String> auditedTopics() {
        List<String> topics = new ArrayList<>(Topics.EVENT_TOPICS);
        Topics.TOPIC_BY_EVENT.values().stream().filter(t -> !topics.contains(t)).sorted().forEach(topics::add);
        return List.copyOf(topics);
    }

    /** An ISO-8601 instant ({@code 2026-01-31T12:00:00Z}) or a date ({@code 2026-01-31}, midnight UTC). */
    public static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e) {
                    throw new TypeConversionException("'" + value + "' is not an ISO-8601 instant or date");
                }
            }
        }
    }

    /** --from/--to, for the commands that take a time range (record timestamps, inclusive). */
    public static class TimeRange {
        @Option(names = "--from", paramLabel = "INSTANT", converter = InstantConverter.class,
                description = "Only records written at or after this time (record timestamp; ISO-8601 instant or date).")
        Instant from;

        @Option(names = "--to", paramLabel = "INSTANT", converter = InstantConverter.class,
                description = "Only records written at or before this time.")
        Instant to;

        void applyTo(LogOptions options) {
            if (from != null && to != null && to.isBefore(from)) {
                throw new AuditException("--to " + to + " is before --from " + from);
            }
            options.from = from;
            options.to = to;
        }
    }
}
