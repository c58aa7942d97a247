package io.resetflow.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.StoredMessage;
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
    private final Set<StoredMessage> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<CapturedMessage> captured = new ArrayList<>();
    private final ScheduledExecutorService poller;
    private volatile boolean closed;

    private MailServer(GreenMail greenMail, int smtpPort, int pop3Port, int imapPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.pop3Port = pop3Port;
        this.imapPort = imapPort;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mail-capture");
            t.setDaemon(true);
            return t;
        });
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
        server.poller.scheduleWithFixedDelay(server::collect, 100, 100, TimeUnit.MILLISECONDS);
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

    /** All captured mail, oldest first. */
    public List<CapturedMessage> messages() {
        collect();
        synchronized (captured) {
            return List.copyOf(captured);
        }
    }

    private void collect() {
        if (closed) {
            return;
        }
        try {
            List<StoredMessage> all = greenMail.getManagers().getImapHostManager().getAllMessages();
            List<CapturedMessage> fresh = new ArrayList<>();
            synchronized (captured) {
                for (StoredMessage stored : all) {
                    if (seen.add(stored)) {
                        fresh.add(toCaptured(stored));
                    }
                }
                if (!fresh.isEmpty()) {
                    captured.addAll(fresh);
                    captured.sort(Comparator.comparing(CapturedMessage::receivedAt));
                }
            }
        } catch (RuntimeException e) {
            log.debug("mail capture scan failed", e);
        }
    }

    private static CapturedMessage toCaptured(StoredMessage stored) {
        MimeMessage message = stored.getMimeMessage();
        Instant receivedAt = stored.getReceivedDate() != null ? stored.getReceivedDate().toInstant() : Instant.now();
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
        collect();
        closed = true;
        poller.shutdownNow();
        greenMail.stop();
    }
}
