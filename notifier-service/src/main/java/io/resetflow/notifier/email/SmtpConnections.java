package io.resetflow.notifier.email;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;

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
    private volatile String messageIdDomain;

    SmtpConnections(JavaMailSenderImpl mail, SmtpConnectionProperties properties, Clock clock) {
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
    }

    /** A message for this server's session with {@code body}, to be addressed and handed to {@link #send}. */
    PreparedMessage newMessage(MimeBody body) throws MessagingException {
        return new PreparedMessage(mail.getSession(), body);
    }

    /**
     * Sends on this thread's connection, connecting first when there is none (or it expired); dates the message and
     * gives it its Message-ID ({@link PreparedMessage#stamp}).
     *
     * @throws MessagingException as Angus Mail raises it (connect, a refused recipient or message, I/O)
     */
    void send(PreparedMessage message) throws MessagingException {
        message.stamp(clock.instant(), messageIdDomain());
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

    /** The domain of {@code mail.from} (the default sender), as Jakarta Mail's own Message-IDs have it. */
    private String messageIdDomain() {
        String domain = messageIdDomain;
        if (domain == null) {
            InternetAddress local = InternetAddress.getLocalAddress(mail.getSession());
            String address = local == null ? null : local.getAddress();
            int at = address == null ? -1 : address.lastIndexOf('@');
            domain = at < 0 || at == address.length() - 1 ? "localhost" : address.substring(at + 1);
            messageIdDomain = domain;
        }
        return domain;
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
