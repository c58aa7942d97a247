package io.resetflow.api.apikey;

/** Public keys may only request resets; secret keys may also confirm, read timelines and administer. */
public enum ApiKeyKind {
    PUBLIC, SECRET
}
