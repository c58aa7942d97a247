package io.resetflow.audit;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must never appear in the clear in an event, and its redaction in everything the tool prints.
 * A reset link is {@code .../reset/} followed by a 43-character base64url token; an email address is unmasked
 * unless its local part was masked ({@code j***@example.com}: the character before {@code @} is {@code *}).
 */
final class Secrets {

    static final Pattern LINK = Pattern.compile("/reset/[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])");
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    /**
     * Fields whose address-like values are not a user's address: the tenant's own sender address
     * ({@code TenantSettingsChanged.senderAddress}, the organisation's public From address) and the SMTP
     * Message-ID a delivery reports ({@code DeliveryOutcome.providerMessageId}, {@code <id@host>}).
     */
    static final Set<String> CLEAR_ADDRESS_FIELDS = Set.of("senderAddress", "providerMessageId");

    private Secrets() {
    }

    static boolean containsLink(String text) {
        return text.contains("/reset/") && LINK.matcher(text).find();
    }

    static boolean containsUnmaskedEmail(String field, String text) {
        return mayHoldAddress(text) && !CLEAR_ADDRESS_FIELDS.contains(field) && EMAIL.matcher(text).find();
    }

    /** Cheap pre-check: some {@code @} follows a character an address's local part can end with (not {@code *}). */
    private static boolean mayHoldAddress(String text) {
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            if (at > 0 && text.charAt(at - 1) != '*') {
                return true;
            }
        }
        return false;
    }

    /** The text with any link token and unmasked address replaced, for printing. */
    static String redact(String field, String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        if (containsLink(result)) {
            result = LINK.matcher(result).replaceAll("/reset/[redacted]");
        }
        if (containsUnmaskedEmail(field, result)) {
            Matcher m = EMAIL.matcher(result);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String address = m.group();
                m.appendReplacement(out, Matcher.quoteReplacement(address.charAt(0) + "***" + address.substring(address.indexOf('@'))));
            }
            m.appendTail(out);
            result = out.toString();
        }
        return result;
    }
}
