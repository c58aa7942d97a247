package io.resetflow.api.console;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as admins type and read them: {@code 16h}, {@code 7d}, {@code 30m}, or ISO-8601 ({@code PT16H}). */
final class ConsoleFormat {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})\\s*([mhd])");

    private ConsoleFormat() {
    }

    static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds % 86_400 == 0 && seconds > 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return d.toString();
    }

    static Optional<Duration> parseDuration(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of("m".equals(m.group(2)) ? Duration.ofMinutes(n) : "h".equals(m.group(2)) ? Duration.ofHours(n)
                    : Duration.ofDays(n));
        }
        try {
            return Optional.of(Duration.parse(value.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
