package io.fedgate.gateway.internal.tunnel;

import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.gateway.GatewayException;
import io.netty.channel.Channel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * TLS contexts of tunnels: TLS 1.3 only, mutual authentication against the cluster set's CA, ALPN {@code h2}.
 * Host names are not checked: peers are identified by their SPIFFE id, which {@link PeerIdentityHandler}
 * checks against the plan.
 *
 * <p>The provider is OpenSSL (netty-tcnative's BoringSSL) where its native library loads: its AES-GCM is
 * several times faster than the JDK's, which bounded tunnel throughput. Elsewhere the JDK provider does the
 * same job; {@link #provider()} says which one is in use.
 */
public final class TunnelTls {
    private static final String TLS_13 = "TLSv1.3";
    private static final SslProvider PROVIDER = choose();

    private TunnelTls() {
    }

    /** The provider of every tunnel context in this JVM: OpenSSL when available with TLS 1.3, else the JDK. */
    public static SslProvider provider() {
        return PROVIDER;
    }

    /** Why OpenSSL is not used, or {@code null} when it is: for the startup log line. */
    public static String fallbackReason() {
        if (PROVIDER == SslProvider.OPENSSL) {
            return null;
        }
        Throwable cause = OpenSsl.unavailabilityCause();
        return cause != null ? cause.toString() : "the OpenSSL library does not support TLS 1.3";
    }

    /** The context of the tunnel listener: client certificates required. */
    public static SslContext forServer(TlsMaterial material) {
        try {
            return SslContextBuilder.forServer(pem(material.certificateChainPem()), pem(material.privateKeyPem()))
                    .trustManager(pem(material.trustAnchorsPem()))
                    .clientAuth(ClientAuth.REQUIRE)
                    .sslProvider(PROVIDER)
                    .protocols(TLS_13)
                    .applicationProtocolConfig(h2())
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new GatewayException("cannot build the tunnel server TLS context (" + PROVIDER + ") from "
                    + material + ": " + e.getMessage(), e);
        }
    }

    /** The context of tunnels this gateway dials. */
    public static SslContext forClient(TlsMaterial material) {
        try {
            return SslContextBuilder.forClient()
                    .keyManager(pem(material.certificateChainPem()), pem(material.privateKeyPem()))
                    .trustManager(pem(material.trustAnchorsPem()))
                    .endpointIdentificationAlgorithm(null)
                    .sslProvider(PROVIDER)
                    .protocols(TLS_13)
                    .applicationProtocolConfig(h2())
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new GatewayException("cannot build the tunnel client TLS context (" + PROVIDER + ") from "
                    + material + ": " + e.getMessage(), e);
        }
    }

    /**
     * The earliest notAfter of the two certificates a tunnel's handshake exchanged (this gateway's and the
     * peer's): from then on the tunnel rests on an expired certificate. Null when {@code ch} has no completed
     * TLS session.
     */
    public static Instant expiry(Channel ch) {
        Instant earliest = null;
        for (X509Certificate certificate : new X509Certificate[] {leaf(ch, true), leaf(ch, false)}) {
            if (certificate != null && (earliest == null || notAfter(certificate).isBefore(earliest))) {
                earliest = notAfter(certificate);
            }
        }
        return earliest;
    }

    /** Which certificates a tunnel's handshake exchanged, for log lines: serials and notAfter of both ends. */
    public static String describeCertificates(Channel ch) {
        return "certificate serial " + serial(leaf(ch, true)) + ", peer certificate serial "
                + serial(leaf(ch, false));
    }

    private static String serial(X509Certificate certificate) {
        return certificate == null ? "unknown" : certificate.getSerialNumber().toString(16) + " (notAfter "
                + notAfter(certificate) + ")";
    }

    private static Instant notAfter(X509Certificate certificate) {
        return certificate.getNotAfter().toInstant();
    }

    private static X509Certificate leaf(Channel ch, boolean local) {
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return null;
        }
        SSLSession session = ssl.engine().getSession();
        try {
            Certificate[] chain = local ? session.getLocalCertificates() : session.getPeerCertificates();
            return chain != null && chain.length > 0 && chain[0] instanceof X509Certificate x509 ? x509 : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static SslProvider choose() {
        return OpenSsl.isAvailable() && SslProvider.isTlsv13Supported(SslProvider.OPENSSL)
                && SslProvider.isAlpnSupported(SslProvider.OPENSSL) ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    private static ApplicationProtocolConfig h2() {
        return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2);
    }

    private static InputStream pem(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }
}
