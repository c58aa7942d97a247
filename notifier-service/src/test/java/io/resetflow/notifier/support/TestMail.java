package io.resetflow.notifier.support;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.resetflow.testsupport.CapturedMessage;
import io.resetflow.testsupport.MailServer;

/**
 * A mail server of a test class's own, closed after the class: {@code @RegisterExtension static final TestMail MAIL =
 * new TestMail();}, and {@code MAIL.register(registry)} in the class's {@code @DynamicPropertySource} points the
 * notifier's {@code spring.mail.*} at it.
 */
public final class TestMail implements AfterAllCallback {

    private final MailServer server = MailServer.start(0, 0, 0);

    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", server::smtpPort);
    }

    public int smtpPort() {
        return server.smtpPort();
    }

    public List<CapturedMessage> messages() {
        return server.messages();
    }

    /** The messages to exactly this address. */
    public List<CapturedMessage> to(String address) {
        return messages().stream().filter(m -> m.to().equals(address)).toList();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }
}
