package io.fedgate.interconnect.ovsdb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for a misbehaving OVSDB server on a loopback socket: each request the client sends is
 * handed to a {@link Script}, which writes whatever bytes the test needs (nothing, garbage, half a message).
 * Only for testing how the client copes with servers that break the protocol; real behaviour is tested
 * against real ovsdb-server.
 */
final class FakeOvsdbServer implements AutoCloseable {
    /** Reacts to one request. */
    @FunctionalInterface
    interface Script {
        void onRequest(JsonNode request, OutputStream out, Socket socket) throws IOException;
    }

    static final ObjectMapper JSON = new ObjectMapper();
    /** A minimal schema with one table, {@code T(name string, tags set of strings)}. */
    static final String SCHEMA = "{\"name\":\"Test_DB\",\"version\":\"1.2.3\",\"tables\":{\"T\":{\"columns\":{"
            + "\"name\":{\"type\":\"string\"},\"tags\":{\"type\":{\"key\":\"string\",\"min\":0,\"max\":\"unlimited\"}}},"
            + "\"isRoot\":true}}}";

    private final ServerSocket server;
    private final Thread thread;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private volatile boolean eofSeen;

    FakeOvsdbServer(Script script) throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> acceptLoop(script), "fake-ovsdb-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** A script answering the handshake properly (no _Server, the schema above, an empty monitor). */
    static boolean handshake(JsonNode req, OutputStream out) throws IOException {
        switch (req.path("method").asText()) {
            case "get_schema" -> reply(out, req, SCHEMA);
            case "monitor_cond" -> reply(out, req, "{}");
            case "transact" -> {
                if (req.path("params").path(0).asText().equals("_Server")) {
                    error(out, req, "{\"error\":\"unknown database\",\"details\":\"_Server\"}");
                } else {
                    return false;
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    static void reply(OutputStream out, JsonNode req, String resultJson) throws IOException {
        write(out, "{\"id\":" + req.get("id") + ",\"result\":" + resultJson + ",\"error\":null}");
    }

    static void error(OutputStream out, JsonNode req, String errorJson) throws IOException {
        write(out, "{\"id\":" + req.get("id") + ",\"result\":null,\"error\":" + errorJson + "}");
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    int port() {
        return server.getLocalPort();
    }

    String endpoint() {
        return "tcp:127.0.0.1:" + port();
    }

    int connections() {
        return connections.get();
    }

    List<JsonNode> received() {
        return received;
    }

    /** True once a client closed its side of a connection. */
    boolean eofSeen() {
        return eofSeen;
    }

    private void acceptLoop(Script script) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s, script), "fake-ovsdb-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, Script script) {
        try (JsonParser p = JSON.getFactory().createParser(s.getInputStream());
             MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(p)) {
            OutputStream out = s.getOutputStream();
            while (it.hasNextValue()) {
                JsonNode req = it.nextValue();
                received.add(req);
                script.onRequest(req, out, s);
            }
            eofSeen = true;
        } catch (IOException | RuntimeException e) {
            eofSeen = true;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
