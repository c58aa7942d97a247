package io.resetflow.token.issue;

/** Reset links: {@code {linkBaseUrl}/reset/{token}}, the base URL coming from tenant settings. */
final class Links {

    private Links() {
    }

    static String resetLink(String linkBaseUrl, String token) {
        String base = linkBaseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/reset/" + token;
    }
}
