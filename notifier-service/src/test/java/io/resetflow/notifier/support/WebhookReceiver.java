package io.resetflow.notifier.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real partner endpoint on 127.0.0.1 (JDK HttpServer): records every call and answers from a script of status
 * codes ({@link #HANG} holds the call longer than any client timeout), then 200. Can be stopped and started again
 * on the same port to play a dead endpoint.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** Scripted answer that never answers in time. */
    public static final int HANG = -1;

    /** One received call; header names lower-case. */
    public record Call(Map<String, String> headers, String body, Instant at) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Deque<Integer> script = new ConcurrentLinkedDeque<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private HttpServer server;
    private int port;

    private WebhookReceiver() {
    }

    public static WebhookReceiver start(Integer... script) {
        WebhookReceiver receiver = new WebhookReceiver();
        receiver.script.addAll(List.of(script));
        receiver.listen(0);
        return receiver;
    }

    private void listen(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** Stops answering (connections refused) until {@link #restart()}. */
    public void stop() {
        server.stop(0);
    }

    public void restart() {
        listen(port);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(headers, body, Instant.now()));
            Integer status = script.poll();
            int code = status == null ? 200 : status;
            if (code == HANG) {
                try {
                    released.await(8, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                code = 200;
            }
            byte[] answer = ("{\"received\":" + calls.size() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (IOException e) {
            // the client gave up (timeout): nothing to answer
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
