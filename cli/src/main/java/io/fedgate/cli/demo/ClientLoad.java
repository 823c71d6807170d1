package io.fedgate.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One client of one import in one consuming cluster: a thread that opens a connection every
 * {@code pauseMillis} to the address {@code target} names at that moment (the consuming cluster's gateway
 * listener, or a routed endpoint), reads the backend's answer and counts which cluster served it.
 */
final class ClientLoad implements AutoCloseable {
    /** Largest answer read from a backend. */
    static final int DEFAULT_MAX_ANSWER_BYTES = 4096;
    private static final int CONNECT_TIMEOUT_MILLIS = 1000;
    private static final int READ_TIMEOUT_MILLIS = 2000;
    private static final String CLUSTER_PREFIX = "cluster=";

    private final String consumer;
    private final String service;
    private final Supplier<Optional<InetSocketAddress>> target;
    private final long pauseMillis;
    private final Thread thread;
    private final Deque<long[]> recent = new ArrayDeque<>();
    private final Deque<String> recentServers = new ArrayDeque<>();
    private final Map<String, Long> totals = new TreeMap<>();
    private long failures;
    private volatile boolean closed;

    ClientLoad(String consumer, String service, Supplier<Optional<InetSocketAddress>> target, long pauseMillis) {
        this.consumer = consumer;
        this.service = service;
        this.target = target;
        this.pauseMillis = pauseMillis;
        this.thread = new Thread(this::run, "demo-client-" + consumer + "-" + service.replace('/', '-'));
        thread.setDaemon(true);
        thread.start();
    }

    String consumer() {
        return consumer;
    }

    String service() {
        return service;
    }

    private void run() {
        while (!closed) {
            Optional<InetSocketAddress> address = target.get();
            // no address yet (no plan, no listener) is not a failed connection: nothing was tried
            address.ifPresent(a -> record(System.currentTimeMillis(), request(a)));
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One connection: the serving cluster's name, or null when it failed. */
    static String request(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(DEFAULT_MAX_ANSWER_BYTES), StandardCharsets.US_ASCII);
            int at = answer.indexOf(CLUSTER_PREFIX);
            if (at < 0) {
                return null;
            }
            int end = answer.indexOf(' ', at);
            return answer.substring(at + CLUSTER_PREFIX.length(), end < 0 ? answer.length() : end).strip();
        } catch (IOException e) {
            return null;
        }
    }

    private synchronized void record(long now, String servedBy) {
        recent.addLast(new long[] {now});
        recentServers.addLast(servedBy == null ? "" : servedBy);
        if (servedBy == null) {
            failures++;
        } else {
            totals.merge(servedBy, 1L, Long::sum);
        }
        while (recent.size() > 10_000) {
            recent.removeFirst();
            recentServers.removeFirst();
        }
    }

    /** Answers per serving cluster within the last {@code windowMillis} (failures under the key ""). */
    synchronized Map<String, Long> window(long now, long windowMillis) {
        Map<String, Long> counts = new TreeMap<>();
        var times = recent.descendingIterator();
        var servers = recentServers.descendingIterator();
        while (times.hasNext()) {
            long t = times.next()[0];
            String server = servers.next();
            if (t < now - windowMillis) {
                break;
            }
            counts.merge(server, 1L, Long::sum);
        }
        return counts;
    }

    /** Answers per serving cluster since the start. */
    synchronized Map<String, Long> totals() {
        return new TreeMap<>(totals);
    }

    synchronized long failures() {
        return failures;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(5000);
    }
}
