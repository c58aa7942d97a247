package io.resetflow.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GreenMail on 127.0.0.1: SMTP captures every mail; POP3 and IMAP serve it back (user = recipient address, any
 * password). {@link #messages()} keeps every captured mail, also those a POP3 client deleted since.
 *
 * <p>Mail is captured as GreenMail delivers it ({@link CapturingDelivery}), not by scanning the mailboxes: a scan of
 * every stored message ten times a second was a fifth of the bench JVM's CPU with ten thousand messages, and
 * GreenMail's own delivery looked each recipient's inbox up by a linear walk over all mailboxes.
 */
public final class MailServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MailServer.class);

    static {
        // Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader scan of the class path for every MIME part
        // it parses (jakartaee/mail-api#861); in a fat jar that scan was most of the capture's CPU. Naming the provider
        // makes the lookup a Class.forName.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final GreenMail greenMail;
    private final int smtpPort;
    private final int pop3Port;
    private final int imapPort;
    /** Deliveries in capture order, each parsed into a {@link CapturedMessage} once, when first asked for. */
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<CapturedMessage> parsed = new ArrayList<>();
    private volatile boolean closed;
    private volatile boolean fileInMailboxes = true;

    private MailServer(GreenMail greenMail, int smtpPort, int pop3Port, int imapPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.pop3Port = pop3Port;
        this.imapPort = imapPort;
    }

    /** Starts SMTP, POP3 and IMAP on 127.0.0.1; 0 = free port. */
    public static MailServer start(int smtpPort, int pop3Port, int imapPort) {
        int smtp = Ports.orFree(smtpPort);
        int pop3 = Ports.orFree(pop3Port);
        int imap = Ports.orFree(imapPort);
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(pop3, "127.0.0.1", ServerSetup.PROTOCOL_POP3),
                new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        }).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        MailServer server = new MailServer(greenMail, smtp, pop3, imap);
        UserManager users = greenMail.getUserManager();
        users.setMessageDeliveryHandler(new CapturingDelivery(users.getMessageDeliveryHandler(),
                greenMail.getManagers().getImapHostManager(), server::captured, () -> server.fileInMailboxes));
        log.info("Mail capture ready: SMTP 127.0.0.1:{}, POP3 {}, IMAP {}", smtp, pop3, imap);
        return server;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int pop3Port() {
        return pop3Port;
    }

    public int imapPort() {
        return imapPort;
    }

    /**
     * Whether mail from now on is also filed in the recipients' mailboxes for POP3 and IMAP (the default). Off, mail
     * is only captured ({@link #messages()}, {@link #envelopes()}): the bench does that, since GreenMail indexing
     * every message for IMAP cost more CPU than anything else in the capture, and no one reads those mailboxes there.
     */
    public void fileInMailboxes(boolean file) {
        this.fileInMailboxes = file;
    }

    /** All captured mail, oldest first. */
    public List<CapturedMessage> messages() {
        synchronized (parsed) {
            List<Delivery> fresh;
            synchronized (deliveries) { // held only to copy: SMTP deliveries never wait for the parsing below
                fresh = List.copyOf(deliveries.subList(parsed.size(), deliveries.size()));
            }
            for (Delivery delivery : fresh) {
                parsed.add(toCaptured(delivery.message(), delivery.receivedAt()));
            }
            return List.copyOf(parsed);
        }
    }

    /**
     * Every delivery so far (SMTP envelope recipient and capture time), oldest first, without parsing the messages:
     * for counting and timing many thousands of mails (the bench).
     */
    public List<Envelope> envelopes() {
        synchronized (deliveries) {
            return deliveries.stream().map(d -> new Envelope(d.recipient(), d.receivedAt())).toList();
        }
    }

    /** A captured mail as the SMTP server saw it: the envelope recipient (one per delivery) and when it arrived. */
    public record Envelope(String recipient, Instant receivedAt) {
    }

    private record Delivery(String recipient, MimeMessage message, Instant receivedAt) {
    }

    private void captured(String recipient, MimeMessage message) {
        synchronized (deliveries) {
            // the clock is read under the lock, so the list stays in capture order
            deliveries.add(new Delivery(recipient, message, Instant.now()));
        }
    }

    private static CapturedMessage toCaptured(MimeMessage message, Instant receivedAt) {
        String to = "";
        String subject = "";
        String body = "";
        try {
            Address[] recipients = message.getRecipients(Message.RecipientType.TO);
            if (recipients != null && recipients.length > 0) {
                to = recipients.length == 1 ? address(recipients[0])
                        : String.join(", ", java.util.Arrays.stream(recipients).map(MailServer::address).toList());
            }
            subject = message.getSubject() == null ? "" : message.getSubject();
            body = textPart(message);
        } catch (MessagingException | IOException e) {
            body = "(unreadable message: " + e.getMessage() + ")";
        }
        return new CapturedMessage("email", to, subject, body, receivedAt);
    }

    private static String address(Address address) {
        if (address instanceof jakarta.mail.internet.InternetAddress internet) {
            return internet.getAddress();
        }
        return address.toString();
    }

    /** The text/plain part of a message (or of its first alternative), falling back to any text. */
    static String textPart(Part part) throws MessagingException, IOException {
        String plain = findPart(part, "text/plain");
        if (plain != null) {
            return plain;
        }
        String html = findPart(part, "text/html");
        return html == null ? "" : html;
    }

    private static String findPart(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType)) {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
            if (content instanceof InputStream in) {
                try (in) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return String.valueOf(content);
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = findPart(child, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        if (part.isMimeType("message/rfc822")) {
            return findPart((Part) part.getContent(), mimeType);
        }
        return null;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        greenMail.stop();
    }
}
