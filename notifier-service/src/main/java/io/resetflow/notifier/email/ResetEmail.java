package io.resetflow.notifier.email;

/** A rendered reset email: subject, plain-text part and HTML part. Holds the link: never log it. */
record ResetEmail(String subject, String text, String html) {

    @Override
    public String toString() {
        return "ResetEmail[subject=" + subject + "]";
    }
}
