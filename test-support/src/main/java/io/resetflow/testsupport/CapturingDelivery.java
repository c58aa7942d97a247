package io.resetflow.testsupport;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * GreenMail's delivery with a capture hook. GreenMail's own handler finds (or creates) the recipient's user once per
 * address; its inbox is kept from then on, because GreenMail looks an inbox up by walking the mailbox tree, a linear
 * search over every user. Each delivery is filed in that inbox (POP3 and IMAP serve it as before) and handed to the
 * sink. Users are never deleted here, so a kept inbox stays the user's.
 */
final class CapturingDelivery implements MessageDeliveryHandler {

    /** Receives every delivery, on the SMTP connection's thread, after it was filed. */
    interface Sink {
        void captured(String recipient, MimeMessage message);
    }

    private final MessageDeliveryHandler standard;
    private final ImapHostManager imap;
    private final Sink sink;
    private final BooleanSupplier fileInMailboxes;
    private final Map<String, Mailbox> byAddress = new ConcurrentHashMap<>();

    CapturingDelivery(MessageDeliveryHandler standard, ImapHostManager imap, Sink sink,
            BooleanSupplier fileInMailboxes) {
        this.standard = standard;
        this.imap = imap;
        this.sink = sink;
        this.fileInMailboxes = fileInMailboxes;
    }

    @Override
    public GreenMailUser handle(MovingMessage message, MailAddress address) throws MessagingException, UserException {
        if (!fileInMailboxes.getAsBoolean()) {
            return new InboxUser(null, null, address.getEmail(), sink);
        }
        String key = address.getEmail().toLowerCase(Locale.ROOT);
        Mailbox mailbox = byAddress.get(key);
        if (mailbox == null) {
            mailbox = create(message, address, key);
        }
        return new InboxUser(mailbox.user(), mailbox.inbox(), address.getEmail(), sink);
    }

    private synchronized Mailbox create(MovingMessage message, MailAddress address, String key)
            throws MessagingException, UserException {
        Mailbox mailbox = byAddress.get(key); // GreenMail refuses to create the same user twice
        if (mailbox == null) {
            GreenMailUser user = standard.handle(message, address);
            try {
                mailbox = new Mailbox(user, imap.getInbox(user));
            } catch (FolderException e) {
                throw new MessagingException("no inbox for " + address.getEmail(), e);
            }
            byAddress.put(key, mailbox);
        }
        return mailbox;
    }

    private record Mailbox(GreenMailUser user, MailFolder inbox) {
    }

    /**
     * GreenMail's user for one delivery: filed in its kept inbox (none: capture only), then handed to the sink with
     * the address used.
     */
    private record InboxUser(GreenMailUser user, MailFolder inbox, String address, Sink sink) implements GreenMailUser {

        @Override
        public void deliver(MovingMessage message) {
            deliver(message.getMessage());
        }

        @Override
        public void deliver(MimeMessage message) {
            if (inbox != null) {
                try {
                    inbox.store(message);
                } catch (Exception e) {
                    throw new IllegalStateException("Can not deliver to " + address, e); // as GreenMail's user does
                }
            }
            sink.captured(address, message);
        }

        @Override
        public String getEmail() {
            return user == null ? address : user.getEmail();
        }

        @Override
        public String getLogin() {
            return user == null ? address : user.getLogin();
        }

        @Override
        public void create() {
            user.create();
        }

        @Override
        public void delete() {
            user.delete();
        }

        @Override
        public String getPassword() {
            return user.getPassword();
        }

        @Override
        public void setPassword(String password) {
            user.setPassword(password);
        }

        @Override
        public void authenticate(String password) throws UserException {
            user.authenticate(password);
        }

        @Override
        public String getQualifiedMailboxName() {
            return user.getQualifiedMailboxName();
        }
    }
}
