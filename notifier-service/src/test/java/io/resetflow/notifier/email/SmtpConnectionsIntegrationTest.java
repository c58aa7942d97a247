package io.resetflow.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import io.resetflow.testsupport.MailServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A sending thread keeps its SMTP connection, and opens a new one after a failed send, after max-messages emails,
 * and after max-idle; against a real SMTP server (GreenMail) behind a TCP relay that counts connections.
 */
class SmtpConnectionsIntegrationTest {

    private MailServer mail;
    private CountingRelay relay;
    private SmtpConnections connections;

    @BeforeEach
    void start() throws IOException {
        mail = MailServer.start(0, 0, 0);
        relay = new CountingRelay(mail.smtpPort());
    }

    @AfterEach
    void stop() {
        if (connections != null) {
            connections.destroy();
        }
        relay.close();
        mail.close();
    }

    @Test
    void emails_sent_by_one_thread_share_one_connection() throws Exception {
        connections = connections(Duration.ofMinutes(1), 100);

        for (int i = 0; i < 5; i++) {
            connections.send(message("reuse-" + i + "@example.com"));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> mail.messages().size() == 5);
        assertThat(relay.connections()).isEqualTo(1);
    }

    @Test
    void a_connection_is_replaced_after_max_messages() throws Exception {
        connections = connections(Duration.ofMinutes(1), 2);

        for (int i = 0; i < 5; i++) {
            connections.send(message("cap-" + i + "@example.com"));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> mail.messages().size() == 5);
        assertThat(relay.connections()).isEqualTo(3);
    }

    @Test
    void an_idle_connection_is_not_reused() throws Exception {
        connections = connections(Duration.ZERO, 100);

        connections.send(message("idle-1@example.com"));
        connections.send(message("idle-2@example.com"));

        await().atMost(Duration.ofSeconds(10)).until(() -> mail.messages().size() == 2);
        assertThat(relay.connections()).isEqualTo(2);
    }

    @Test
    void a_connection_dropped_by_the_server_fails_one_send_and_the_next_send_connects_again() throws Exception {
        connections = connections(Duration.ofMinutes(1), 100);
        connections.send(message("before@example.com"));

        relay.dropAll();
        assertThatThrownBy(() -> connections.send(message("lost@example.com"))).isInstanceOf(MessagingException.class);
        connections.send(message("after@example.com"));

        await().atMost(Duration.ofSeconds(10)).until(() -> mail.messages().size() == 2);
        assertThat(mail.messages()).extracting(m -> m.to()).containsExactly("before@example.com", "after@example.com");
        assertThat(relay.connections()).isEqualTo(2);
    }

    private SmtpConnections connections(Duration maxIdle, int maxMessages) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(relay.port());
        sender.getJavaMailProperties().put("mail.smtp.timeout", "5000");
        return new SmtpConnections(sender, new SmtpConnectionProperties(maxIdle, maxMessages), Clock.systemUTC());
    }

    private PreparedMessage message(String to) throws MessagingException {
        PreparedMessage message = connections.newMessage(MimeBody.alternative("hello", "<p>hello</p>"));
        message.setFrom(new InternetAddress("no-reply@resetflow.local"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
        message.setSubject("connection test");
        return message;
    }

    /** Forwards TCP connections to the SMTP server, counting them; can drop every open one. */
    private static final class CountingRelay implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "smtp-relay");
            t.setDaemon(true);
            return t;
        });

        CountingRelay(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            threads.execute(this::acceptLoop);
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return accepted.get();
        }

        void dropAll() throws IOException {
            for (Socket socket : open) {
                socket.close();
            }
            open.clear();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    accepted.incrementAndGet();
                    open.add(client);
                    open.add(upstream);
                    threads.execute(() -> pipe(client, upstream));
                    threads.execute(() -> pipe(upstream, client));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static void pipe(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // one side closed: close the other too
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }

        @Override
        public void close() {
            try {
                dropAll();
                server.close();
            } catch (IOException ignored) {
                // closing
            }
            threads.shutdownNow();
        }
    }
}
