package io.resetflow.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The dev inbox: an HTML page at "/" listing captured mail and SMS (newest first, links clickable, auto-refresh)
 * and the same as JSON at "/api/messages" ({@code channel, to, subject, body, receivedAt}, newest first).
 *
 * <p>It is also the local SMS capture: {@code POST /api/sms} (form or JSON with {@code To}/{@code to} and
 * {@code Body}/{@code body}) and Twilio's own "create message" route
 * {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} (form fields {@code To}, {@code From}, {@code Body};
 * any credentials) record an SMS with channel "sms" and answer like Twilio does (201, JSON with a {@code sid}).
 */
public final class DevInbox implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"']+");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<List<CapturedMessage>> source;
    private final List<CapturedMessage> sms = new java.util.concurrent.CopyOnWriteArrayList<>();

    private DevInbox(HttpServer server, ExecutorService executor, Supplier<List<CapturedMessage>> source) {
        this.server = server;
        this.executor = executor;
        this.source = source;
    }

    /** HTTP server on 127.0.0.1:port (0 = free port). */
    public static DevInbox start(int port, Supplier<List<CapturedMessage>> source) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "dev-inbox");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            DevInbox inbox = new DevInbox(server, executor, source);
            server.createContext("/api/messages", inbox::json);
            server.createContext("/api/sms", inbox::smsApi);
            server.createContext("/2010-04-01/Accounts/", inbox::smsApi);
            server.createContext("/", inbox::html);
            server.start();
            return inbox;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot start dev inbox on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The SMS captured so far, oldest first. */
    public List<CapturedMessage> smsMessages() {
        return List.copyOf(sms);
    }

    /** Base URL of the local SMS capture ("http://127.0.0.1:port"); Twilio-style clients append their path. */
    public String smsUrl() {
        return url();
    }

    private List<CapturedMessage> newestFirst() {
        List<CapturedMessage> list = new ArrayList<>(source.get());
        list.addAll(sms);
        list.sort(java.util.Comparator.comparing(CapturedMessage::receivedAt,
                java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())).reversed());
        return list;
    }

    private static final Pattern TWILIO_PATH = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final Pattern JSON_MEMBER = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private void smsApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Matcher twilio = TWILIO_PATH.matcher(path);
            boolean isTwilio = twilio.matches();
            if (!isTwilio && !"/api/sms".equals(path)) {
                send(exchange, 404, "application/json", "{\"Status\":\"Error\",\"Message\":\"Not found\"}");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "application/json", "{\"Status\":\"Error\",\"Message\":\"Use POST\"}");
                return;
            }
            String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            java.util.Map<String, String> fields = contentType.contains("json") ? jsonFields(raw) : formFields(raw);
            String to = first(fields, "To", "to");
            String body = first(fields, "Body", "body");
            String from = first(fields, "From", "from");
            if (to == null || to.isBlank() || body == null) {
                send(exchange, 400, "application/json",
                        "{\"code\":21604,\"message\":\"A 'To' phone number and a 'Body' are required.\",\"status\":400}");
                return;
            }
            java.time.Instant now = java.time.Instant.now();
            sms.add(new CapturedMessage("sms", to, "SMS" + (from == null ? "" : " from " + from), body, now));
            String sid = "SM" + java.util.UUID.randomUUID().toString().replace("-", "");
            String account = isTwilio ? twilio.group(1) : "local";
            send(exchange, 201, "application/json", "{\"sid\":" + jsonString(sid)
                    + ",\"account_sid\":" + jsonString(account)
                    + ",\"to\":" + jsonString(to) + ",\"from\":" + jsonString(from)
                    + ",\"body\":" + jsonString(body) + ",\"status\":\"queued\",\"num_segments\":\"1\""
                    + ",\"direction\":\"outbound-api\",\"date_created\":" + jsonString(now.toString())
                    + ",\"error_code\":null,\"error_message\":null}");
        }
    }

    private static String first(java.util.Map<String, String> fields, String... names) {
        for (String name : names) {
            if (fields.containsKey(name)) {
                return fields.get(name);
            }
        }
        return null;
    }

    static java.util.Map<String, String> formFields(String raw) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(key, value);
        }
        return fields;
    }

    static java.util.Map<String, String> jsonFields(String raw) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        Matcher member = JSON_MEMBER.matcher(raw);
        while (member.find()) {
            fields.putIfAbsent(member.group(1), unescapeJson(member.group(2)));
        }
        return fields;
    }

    private static String unescapeJson(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 < s.length()) {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    private void json(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"/api/messages".equals(exchange.getRequestURI().getPath())) {
                send(exchange, 404, "application/json", "{\"Status\":\"Error\",\"Message\":\"Not found\"}");
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "application/json", "{\"Status\":\"Error\",\"Message\":\"Method not allowed\"}");
                return;
            }
            send(exchange, 200, "application/json", toJson(newestFirst()));
        }
    }

    private void html(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"/".equals(exchange.getRequestURI().getPath())) {
                send(exchange, 404, "text/plain; charset=utf-8", "Not found");
                return;
            }
            List<CapturedMessage> messages = newestFirst();
            StringBuilder page = new StringBuilder();
            page.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                    .append("<meta http-equiv=\"refresh\" content=\"3\">")
                    .append("<title>resetflow dev inbox</title><style>")
                    .append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}")
                    .append("article{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}")
                    .append("pre{white-space:pre-wrap;word-break:break-all}.meta{color:#555;font-size:.9rem}")
                    .append("</style></head><body><h1>resetflow dev inbox</h1>")
                    .append("<p class=\"meta\">").append(messages.size())
                    .append(" captured message(s), newest first. This page refreshes every 3 seconds. JSON: ")
                    .append("<a href=\"/api/messages\">/api/messages</a></p>");
            if (messages.isEmpty()) {
                page.append("<p>No messages yet.</p>");
            }
            for (CapturedMessage m : messages) {
                page.append("<article><div class=\"meta\">").append(escape(m.channel())).append(" to <strong>")
                        .append(escape(m.to())).append("</strong> at ").append(escape(String.valueOf(m.receivedAt())))
                        .append("</div><h2>").append(escape(m.subject())).append("</h2><pre>")
                        .append(linkify(m.body())).append("</pre></article>");
            }
            page.append("</body></html>");
            send(exchange, 200, "text/html; charset=utf-8", page.toString());
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static String linkify(String text) {
        StringBuilder out = new StringBuilder();
        Matcher matcher = URL.matcher(text == null ? "" : text);
        int last = 0;
        while (matcher.find()) {
            out.append(escape(text.substring(last, matcher.start())));
            String url = matcher.group();
            out.append("<a href=\"").append(escape(url)).append("\">").append(escape(url)).append("</a>");
            last = matcher.end();
        }
        if (text != null) {
            out.append(escape(text.substring(last)));
        }
        return out.toString();
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String toJson(List<CapturedMessage> messages) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < messages.size(); i++) {
            CapturedMessage m = messages.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"channel\":").append(jsonString(m.channel()))
                    .append(",\"to\":").append(jsonString(m.to()))
                    .append(",\"subject\":").append(jsonString(m.subject()))
                    .append(",\"body\":").append(jsonString(m.body()))
                    .append(",\"receivedAt\":").append(jsonString(m.receivedAt() == null ? null : m.receivedAt().toString()))
                    .append('}');
        }
        return out.append(']').toString();
    }

    static String jsonString(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
