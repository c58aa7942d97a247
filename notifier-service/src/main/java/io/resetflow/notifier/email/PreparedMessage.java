package io.resetflow.notifier.email;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * An email whose body was encoded when it was made ({@link MimeBody}) and whose headers are all set before it is
 * sent (the caller's From, To and Subject; {@link #stamp} adds Date and Message-ID): Angus Mail's SMTPTransport
 * writes the headers and the body bytes as they are. A plain {@code MimeMessage} is "saved" first, which parses
 * its content types again through the DataHandler, formats the date with a new {@code SimpleDateFormat} and
 * writes the body through the DataHandler and mailcap machinery: about a third of notifier-service's CPU per email.
 */
final class PreparedMessage extends MimeMessage {

    /** RFC 5322 3.3 date-time, in UTC. */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    /** The last Date header made, reused within its second (a race only formats the same second twice). */
    private static volatile FormattedDate lastDate = new FormattedDate(Long.MIN_VALUE, "");

    private record FormattedDate(long epochSecond, String text) {
    }

    PreparedMessage(Session session, MimeBody body) throws MessagingException {
        super(session);
        setHeader("MIME-Version", "1.0");
        setHeader("Content-Type", body.contentType());
        content = body.bytes();
        modified = false; // writeTo writes the headers and then these bytes, untouched
        saved = true; // nothing left for saveChanges to work out
    }

    /**
     * Dates the message and gives it a Message-ID, as {@code saveChanges} would: unique by its random part, in
     * {@code domain} (the default sender's, as Jakarta Mail takes it from {@code mail.from}). Replaces both, so a
     * message is stamped once, just before it is sent.
     */
    void stamp(Instant now, String domain) throws MessagingException {
        setHeader("Date", date(now));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        setHeader("Message-ID", "<" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())
                + "." + now.toEpochMilli() + "@" + domain + ">");
    }

    private static String date(Instant now) {
        FormattedDate last = lastDate;
        if (last.epochSecond != now.getEpochSecond()) {
            last = new FormattedDate(now.getEpochSecond(), DATE.format(now));
            lastDate = last;
        }
        return last.text;
    }

    /** Every header was set when the message was made or stamped; a {@code saveChanges} must not replace them. */
    @Override
    protected void updateHeaders() {
        // nothing to update
    }
}
