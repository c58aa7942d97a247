package io.resetflow.notifier.email;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * One connected SMTP {@link Transport} per sending thread (the Kafka listener threads), reused from email to email:
 * {@code JavaMailSenderImpl.send} would connect, greet (and with a real relay, STARTTLS and authenticate) for every
 * message. A connection is closed after any failed send (its state is unknown; the next send connects afresh, and
 * the failure goes back to the caller as before, to be classified and retried), after
 * {@code resetflow.mail.connection.max-messages} messages, and when it was idle longer than
 * {@code resetflow.mail.connection.max-idle} (servers drop idle clients; a send on a dropped connection would fail
 * once and be retried, so an idle one is not trusted). The session and the server are Spring Boot's {@code spring.mail.*}.
 */
@Component
class SmtpConnections implements DisposableBean {

    private final JavaMailSenderImpl mail;
    private final SmtpConnectionProperties properties;
    private final Clock clock;
    private final ThreadLocal<Connection> byThread = new ThreadLocal<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    SmtpConnections(JavaMailSenderImpl mail, SmtpConnectionProperties properties, Clock clock) {
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A message for this server's session, to be filled and handed to {@link #send}. Made by
     * {@code JavaMailSenderImpl} because its messages carry the sender's one file type map: for any other message
     * {@code MimeMessageHelper} builds a new one, and that scans the class path (ServiceLoader) every time
     * (the bench saw half of the notifier's CPU there).
     */
    MimeMessage newMessage() {
        return mail.createMimeMessage();
    }

    /**
     * Sends on this thread's connection, connecting first when there is none (or it expired); prepares the message
     * as {@code JavaMailSenderImpl} does (sent date, headers, a Message-ID that was set is kept).
     *
     * @throws MessagingException as Angus Mail raises it (connect, a refused recipient or message, I/O)
     */
    void send(MimeMessage message) throws MessagingException {
        if (message.getSentDate() == null) {
            message.setSentDate(Date.from(clock.instant()));
        }
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
        Address[] recipients = message.getAllRecipients();
        Connection connection = current();
        try {
            connection.transport.sendMessage(message, recipients == null ? new Address[0] : recipients);
        } catch (MessagingException | RuntimeException e) {
            close(connection);
            throw e;
        }
        connection.sent++;
        connection.lastUsed = clock.instant();
        if (connection.sent >= properties.maxMessages()) {
            close(connection);
        }
    }

    private Connection current() throws MessagingException {
        Connection connection = byThread.get();
        if (connection != null && (connection.closed
                || connection.lastUsed.plus(properties.maxIdle()).isBefore(clock.instant()))) {
            close(connection);
            connection = null;
        }
        if (connection == null) {
            Session session = mail.getSession();
            Transport transport = session.getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
            transport.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword());
            connection = new Connection(transport, clock.instant());
            byThread.set(connection);
            open.add(connection);
        }
        return connection;
    }

    private void close(Connection connection) {
        if (byThread.get() == connection) {
            byThread.remove();
        }
        open.remove(connection);
        connection.close();
    }

    @Override
    public void destroy() {
        open.forEach(Connection::close);
        open.clear();
    }

    private static final class Connection {
        private final Transport transport;
        private Instant lastUsed;
        private int sent;
        private volatile boolean closed;

        Connection(Transport transport, Instant connectedAt) {
            this.transport = transport;
            this.lastUsed = connectedAt;
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                transport.close();
            } catch (MessagingException | RuntimeException ignored) {
                // QUIT on a broken connection fails; the socket is closed either way
            }
        }
    }
}
