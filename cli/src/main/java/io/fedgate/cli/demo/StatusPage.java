package io.fedgate.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The demo's status page on 127.0.0.1: {@code /} is a self-contained HTML page (inline CSS and JavaScript, no
 * external assets) that draws the federation from {@code /status.json}, which it polls every second.
 */
final class StatusPage implements AutoCloseable {
    private static final String PAGE = "/io/fedgate/cli/demo/status.html";

    private final HttpServer server;

    private StatusPage(HttpServer server) {
        this.server = server;
    }

    /** Serves on 127.0.0.1:{@code port} (0 picks a free port); {@code status} gives the JSON document. */
    static StatusPage start(int port, Supplier<byte[]> status) throws IOException {
        byte[] page;
        try (InputStream in = StatusPage.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new DemoException(PAGE + " is not on the class path");
            }
            page = in.readAllBytes();
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/status.json", exchange -> send(exchange, 200, "application/json", status.get()));
        server.createContext("/", exchange -> {
            if ("/".equals(exchange.getRequestURI().getPath())) {
                send(exchange, 200, "text/html; charset=utf-8", page);
            } else {
                send(exchange, 404, "text/plain", "not found\n".getBytes());
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "demo-status-page");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new StatusPage(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readNBytes(1024);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
