package io.fedgate.hub.it;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.fedgate.hubclient.HubTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 connection over TLS without a client certificate, from a chosen loopback source address,
 * writing exactly the bytes a test gives: request heads without their bodies, bodies in pieces. For what no
 * HTTP client library sends on purpose (a Content-Length and then nothing).
 */
final class RawHttp1 implements AutoCloseable {
    private final SSLSocket socket;
    private final OutputStream out;
    private final InputStream in;

    /** A connection to {@code port} on 127.0.0.1 from {@code source} (any 127.0.0.0/8 address). */
    RawHttp1(String source, int port, List<X509Certificate> trustAnchors) throws IOException {
        socket = (SSLSocket) HubTls.sslContext(null, trustAnchors).getSocketFactory().createSocket();
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(parameters);
        socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        socket.setSoTimeout(15_000);
        socket.startHandshake();
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** The status, headers (lower-case names) and body of an answer. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** Sends a request head; {@code headers} as {@code Name: value} lines. */
    RawHttp1 head(String method, String path, String... headers) throws IOException {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(US_ASCII));
        out.flush();
        return this;
    }

    /** Sends body bytes as they are. */
    RawHttp1 write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends one chunk of a chunked body. */
    RawHttp1 chunk(byte[] bytes) throws IOException {
        write((Integer.toHexString(bytes.length) + "\r\n").getBytes(US_ASCII));
        write(bytes);
        return write("\r\n".getBytes(US_ASCII));
    }

    /** Sends a whole request with a JSON body. */
    Answer send(String method, String path, String json) throws IOException {
        byte[] body = json.getBytes(UTF_8);
        head(method, path, "Content-Type: application/json", "Content-Length: " + body.length).write(body);
        return read();
    }

    /** Reads one answer (with its Content-Length body). */
    Answer read() throws IOException {
        String statusLine = line();
        Map<String, String> headers = new HashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, UTF_8));
    }

    /** True when the server closed the connection (end of stream within the socket timeout). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("connection closed before the end of the answer's head");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, US_ASCII);
            }
            line.write(b);
            previous = b;
        }
    }
}
