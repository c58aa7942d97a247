package io.resetflow.schemas.seal;

/**
 * The masked form of a delivery address that events carry in the clear for auditors:
 * {@code j***@example.com}, {@code +1*******0101}. Enough to recognise, not enough to use.
 */
public final class Mask {

    private Mask() {
    }

    public static String address(String address) {
        if (address == null || address.isBlank()) {
            return "";
        }
        int at = address.indexOf('@');
        if (at > 0) {
            return address.charAt(0) + "***" + address.substring(at);
        }
        String digits = address.strip();
        if (digits.length() <= 6) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 2) + "*".repeat(digits.length() - 6) + digits.substring(digits.length() - 4);
    }
}
