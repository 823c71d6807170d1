package io.fedgate.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A demo backend: one listening socket that answers every connection with a one-line HTTP/1.0 response naming
 * its cluster and itself ({@code cluster=east backend=127.77.1.10:8443}), then closes. Clients may send a
 * request first or nothing at all.
 */
final class DemoBackend implements AutoCloseable {
    /** Largest request read (and discarded) before answering. */
    static final int DEFAULT_MAX_REQUEST_BYTES = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(DemoBackend.class);

    private final String clusterId;
    private final ServerSocket socket;
    private final Thread acceptor;
    private volatile boolean closed;

    private DemoBackend(String clusterId, ServerSocket socket, ExecutorService workers) {
        this.clusterId = clusterId;
        this.socket = socket;
        this.acceptor = new Thread(() -> accept(workers), "demo-backend-" + clusterId + "-" + address());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on {@code address} for cluster {@code clusterId}; connections are served on {@code workers}. */
    static DemoBackend start(String clusterId, InetSocketAddress address, ExecutorService workers) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(address, 128);
        return new DemoBackend(clusterId, server, workers);
    }

    String address() {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    private void accept(ExecutorService workers) {
        while (!closed) {
            try {
                Socket connection = socket.accept();
                workers.execute(() -> answer(connection));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("cluster {}: demo backend {} stopped accepting: {}", clusterId, address(), e.getMessage());
                }
                return;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private void answer(Socket connection) {
        try (connection) {
            connection.setSoTimeout(2000);
            String body = "cluster=" + clusterId + " backend=" + address() + "\n";
            String response = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body;
            OutputStream out = connection.getOutputStream();
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            connection.shutdownOutput();
            drain(connection.getInputStream());
        } catch (SocketException e) {
            // the client closed first (it read the answer and left): nothing to report
        } catch (IOException e) {
            LOG.debug("cluster {}: demo backend {}: {}", clusterId, address(), e.getMessage());
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[512];
        int total = 0;
        int n;
        while (total < DEFAULT_MAX_REQUEST_BYTES && (n = in.read(buffer)) > 0) {
            total += n;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("cluster {}: closing demo backend {}: {}", clusterId, address(), e.getMessage());
        }
    }
}
