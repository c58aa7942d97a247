package io.resetflow.notifier.email;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;

import io.resetflow.notifier.delivery.SendResult;
import io.resetflow.schemas.seal.Mask;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;

/**
 * Classifies a failed send: an SMTP 5xx reply (recipient unknown, message refused) or an unusable address is
 * permanent; a 4xx reply, a refused or dropped connection, a timeout or anything unknown is temporary.
 * The reason keeps the server's reply with every address in it masked.
 */
final class SmtpFailures {

    private static final int MAX_REASON = 300;
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:\\[\\]]+@[^\\s<>\"'(),;:\\[\\]]+");

    private SmtpFailures() {
    }

    static SendResult.Failed classify(Exception failure) {
        List<Throwable> chain = flatten(failure);
        for (Throwable t : chain) {
            if (t instanceof SMTPAddressFailedException rejected) {
                return reply(rejected.getReturnCode(), rejected.getMessage());
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SMTPSendFailedException refused) {
                return reply(refused.getReturnCode(), refused.getMessage());
            }
            if (t instanceof SMTPSenderFailedException sender) {
                return reply(sender.getReturnCode(), sender.getMessage());
            }
        }
        for (Throwable t : chain) {
            if (t instanceof AddressException || t instanceof MailParseException) {
                return new SendResult.Failed(true, "invalid address: " + sanitize(t.getMessage()));
            }
        }
        Throwable root = chain.get(chain.size() - 1);
        return new SendResult.Failed(false, "SMTP unavailable: " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + sanitize(root.getMessage())));
    }

    private static SendResult.Failed reply(int code, String serverReply) {
        String text = sanitize(serverReply);
        String reason = text.startsWith(Integer.toString(code)) ? "SMTP " + text : "SMTP " + code + " " + text;
        return new SendResult.Failed(code >= 500 && code < 600, truncate(reason));
    }

    /** Masks every address in a server reply or exception message, so reasons can be stored and published. */
    static String sanitize(String message) {
        if (message == null) {
            return "";
        }
        Matcher matcher = ADDRESS.matcher(message.strip().replaceAll("\\s+", " "));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(Mask.address(matcher.group())));
        }
        matcher.appendTail(out);
        return truncate(out.toString());
    }

    private static String truncate(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
    }

    /** The failure, its causes, the nested exceptions of MessagingException and those of each failed message. */
    private static List<Throwable> flatten(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> out = new ArrayList<>();
        List<Throwable> todo = new ArrayList<>(List.of(failure));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(0);
            if (t == null || !seen.add(t)) {
                continue;
            }
            out.add(t);
            if (t instanceof MailSendException send) {
                todo.addAll(send.getFailedMessages().values());
                todo.addAll(List.of(send.getMessageExceptions()));
            }
            if (t instanceof MessagingException messaging) {
                todo.add(messaging.getNextException());
            }
            todo.add(t.getCause());
        }
        return out;
    }
}
