package io.fedgate.gateway.testing;

import io.fedgate.api.pki.TlsMaterial;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** A bare TLS 1.3 client (ALPN h2) for poking a gateway's tunnel port with chosen certificates and bytes. */
public final class RawTlsClient {
    private static final char[] PASSWORD = "in-memory".toCharArray();

    private RawTlsClient() {
    }

    /** Connects with {@code material} and starts the handshake; the socket may be closed by the peer at once. */
    public static SSLSocket connect(TlsMaterial material, InetSocketAddress address) throws IOException {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(material.keyStore(PASSWORD), PASSWORD);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(material.trustStore());
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(address.getAddress(),
                    address.getPort());
            socket.setSoTimeout(5000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2"});
            parameters.setProtocols(new String[] {"TLSv1.3"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build a TLS client from " + material, e);
        }
    }

    /** True when the peer closes {@code socket} (EOF or reset) within its read timeout; what it sends first is skipped. */
    public static boolean closedByPeer(SSLSocket socket) {
        try {
            byte[] skip = new byte[4096];
            for (int i = 0; i < 1024; i++) {
                if (socket.getInputStream().read(skip) == -1) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return !(e instanceof java.net.SocketTimeoutException);
        }
    }
}
