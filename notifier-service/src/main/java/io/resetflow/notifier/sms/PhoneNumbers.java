package io.resetflow.notifier.sms;

import java.util.Optional;
import java.util.regex.Pattern;

/** E.164 normalisation: {@code +14-157415569}, {@code 0044 20 7946 0958}, {@code +1 (415) 555-0101} → {@code +...}. */
final class PhoneNumbers {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().\\u00a0/]");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private PhoneNumbers() {
    }

    /** The E.164 form, or empty when the number has no country code or is not a phone number. */
    static Optional<String> e164(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String compact = SEPARATORS.matcher(raw.strip()).replaceAll("");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        return E164.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
    }

    /** Whether the E.164 number starts with one of the calling codes (they are prefix-free); empty list: any. */
    static boolean inCountries(String e164, java.util.List<String> callingCodes) {
        if (callingCodes.isEmpty()) {
            return true;
        }
        for (String code : callingCodes) {
            String digits = code.strip().replace("+", "");
            if (!digits.isEmpty() && e164.startsWith("+" + digits)) {
                return true;
            }
        }
        return false;
    }
}
