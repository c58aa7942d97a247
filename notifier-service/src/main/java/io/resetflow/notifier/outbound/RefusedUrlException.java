package io.resetflow.notifier.outbound;

/** A webhook URL the SSRF guard refuses (bad scheme, unresolvable, or a loopback/private/metadata address). */
public class RefusedUrlException extends RuntimeException {

    RefusedUrlException(String message) {
        super(message);
    }
}
