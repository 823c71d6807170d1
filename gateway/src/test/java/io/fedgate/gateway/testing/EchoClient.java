package io.fedgate.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A blocking client of {@link EchoBackend} through whatever sits in between. */
public final class EchoClient implements AutoCloseable {
    private final Socket socket;
    private final String greeting;

    /** Connects and reads the greeting (the name of the backend that serves). */
    public EchoClient(InetSocketAddress address, int timeoutMillis) throws IOException {
        socket = new Socket();
        socket.setSoTimeout(timeoutMillis);
        socket.connect(address, timeoutMillis);
        greeting = readLine(socket.getInputStream());
    }

    /** Connects, reads the greeting and closes: the name of the serving backend. */
    public static String servedBy(InetSocketAddress address, int timeoutMillis) throws IOException {
        try (EchoClient c = new EchoClient(address, timeoutMillis)) {
            return c.greeting();
        }
    }

    /** The backend's name, or null when the connection closed before a greeting. */
    public String greeting() {
        return greeting;
    }

    /** Sends {@code data} (from another thread, so large payloads cannot deadlock) and reads back as many bytes. */
    public byte[] echo(byte[] data) throws IOException {
        java.util.concurrent.CompletableFuture<Void> written = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                socket.getOutputStream().write(data);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        byte[] back = socket.getInputStream().readNBytes(data.length);
        written.join();
        return back;
    }

    /** Half-closes and waits for the backend to close: true when it did. */
    public boolean finish() throws IOException {
        socket.shutdownOutput();
        return socket.getInputStream().read() == -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
            if (line.size() > 256) {
                throw new IOException("greeting longer than 256 bytes");
            }
        }
        return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }
}
