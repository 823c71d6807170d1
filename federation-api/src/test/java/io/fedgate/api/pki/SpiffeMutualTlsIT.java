package io.fedgate.api.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real mutual TLS on loopback with issued material: JDK server and client sockets, key and trust stores
 * built from the PEM material, and the server learning the client's SPIFFE id through {@link IdentityVerifier}.
 */
class SpiffeMutualTlsIT {
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final char[] PASSWORD = "unused-in-memory".toCharArray();

    /** Real time (the JDK's trust managers use it) frozen to one instant, so CAs made here share a name. */
    private final Clock sameSecond = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    private final TestPki pki = TestPki.create(TestPki.CLUSTER_SET, sameSecond);
    private final TlsMaterial hub = pki.issue("east", Component.HUB);
    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();
    private SSLServerSocket server;

    @BeforeEach
    void startServer() throws Exception {
        server = (SSLServerSocket) sslContext(hub).getServerSocketFactory().createServerSocket();
        server.setNeedClientAuth(true);
        server.setEnabledProtocols(new String[] {"TLSv1.3"});
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.setSoTimeout(TIMEOUT_MILLIS);
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
        serverThread.shutdownNow();
    }

    /** Accepts one connection, asks for an agent of cluster east, answers with the verdict. */
    private Future<String> serveOneAgentOfEast() {
        IdentityVerifier verifier = hub.identityVerifier(Clock.systemUTC());
        return serverThread.submit(() -> {
            try (SSLSocket socket = (SSLSocket) server.accept();
                 PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8)) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.startHandshake();
                String verdict;
                try {
                    verdict = "OK " + verifier.verify(socket.getSession(), "east", Component.AGENT);
                } catch (UntrustedPeerException e) {
                    verdict = "REFUSED " + e.reason() + ": " + e.getMessage();
                }
                out.println(verdict);
                return verdict;
            }
        });
    }

    /** Connects as {@code client}, checking the server's IP SAN like an HTTPS client would, and reads one line. */
    private String connectAs(TlsMaterial client) throws Exception {
        try (SSLSocket socket = (SSLSocket) sslContext(client).getSocketFactory().createSocket()) {
            socket.connect(server.getLocalSocketAddress(), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            IdentityVerifier serverCheck = new IdentityVerifier(client.trustAnchors(), TestPki.CLUSTER_SET,
                    Clock.systemUTC());
            assertThat(serverCheck.verify(socket.getSession(), "east", Component.HUB))
                    .as("the client checks the server's identity too").isEqualTo(hub.identity());
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static SSLContext sslContext(TlsMaterial material) throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(material.keyStore(PASSWORD), PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(material.trustStore());
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void serverReadsTheClientsSpiffeIdentityOverMutualTls() throws Exception {
        Future<String> verdict = serveOneAgentOfEast();

        String answer = connectAs(pki.issue("east", Component.AGENT));

        assertThat(answer).isEqualTo("OK spiffe://test-set/cluster/east/agent");
        assertThat(verdict.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(answer);
    }

    @Test
    void clientOfAnotherClusterCompletesTheHandshakeButIsRefusedByIdentity() throws Exception {
        Future<String> verdict = serveOneAgentOfEast();

        String answer = connectAs(pki.issue("west", Component.AGENT));

        assertThat(answer).isEqualTo("REFUSED WRONG_CLUSTER: peer is spiffe://test-set/cluster/west/agent, "
                + "expected cluster east");
        assertThat(verdict.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(answer);
    }

    @Test
    void clientWithACertificateFromAnImpostorCaFailsTheHandshake() {
        TestPki impostor = TestPki.create(TestPki.CLUSTER_SET, sameSecond);
        assertThat(impostor.ca().certificate().getSubjectX500Principal())
                .as("the impostor CA has the real CA's name, so the client does present its certificate")
                .isEqualTo(pki.ca().certificate().getSubjectX500Principal());
        TlsMaterial stranger = impostor.issue("east", Component.AGENT).withTrustAnchors(hub.trustAnchors());
        Future<String> verdict = serveOneAgentOfEast();

        assertThatThrownBy(() -> connectAs(stranger)).isInstanceOf(IOException.class);
        // the JDK's trust manager refuses the signature before any fedgate code sees the chain
        assertThatThrownBy(() -> verdict.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void clientWithACertificateOfAnotherClusterSetFailsTheHandshake() {
        TlsMaterial stranger = TestPki.create("other-set", sameSecond).issue("east", Component.AGENT)
                .withTrustAnchors(hub.trustAnchors());
        Future<String> verdict = serveOneAgentOfEast();

        assertThatThrownBy(() -> connectAs(stranger)).isInstanceOf(IOException.class);
        // the server asks for certificates from its CA; the client has none and the server refuses to go on
        assertThatThrownBy(() -> verdict.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class);
    }
}
