package io.resetflow.notifier.email;

import java.util.Locale;

/** Picks a template language from a BCP 47 tag: German for {@code de}, {@code de-AT}, ...; English otherwise. */
final class Languages {

    private Languages() {
    }

    static boolean isGerman(String locale) {
        if (locale == null || locale.isBlank()) {
            return false;
        }
        return "de".equals(Locale.forLanguageTag(locale.strip().replace('_', '-')).getLanguage());
    }
}
