package io.fedgate.gateway.internal.tunnel;

import io.fedgate.api.pki.TlsMaterial;
import io.fedgate.gateway.GatewayException;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;

/**
 * TLS contexts of tunnels: TLS 1.3 only, mutual authentication against the cluster set's CA, ALPN {@code h2},
 * the JDK provider. Host names are not checked: peers are identified by their SPIFFE id, which {@link
 * PeerIdentityHandler} checks against the plan.
 */
public final class TunnelTls {
    private static final String TLS_13 = "TLSv1.3";

    private TunnelTls() {
    }

    /** The context of the tunnel listener: client certificates required. */
    public static SslContext forServer(TlsMaterial material) {
        try {
            return SslContextBuilder.forServer(pem(material.certificateChainPem()), pem(material.privateKeyPem()))
                    .trustManager(pem(material.trustAnchorsPem()))
                    .clientAuth(ClientAuth.REQUIRE)
                    .sslProvider(SslProvider.JDK)
                    .protocols(TLS_13)
                    .applicationProtocolConfig(h2())
                    .build();
        } catch (SSLException e) {
            throw new GatewayException("cannot build the tunnel server TLS context from " + material + ": "
                    + e.getMessage(), e);
        }
    }

    /** The context of tunnels this gateway dials. */
    public static SslContext forClient(TlsMaterial material) {
        try {
            return SslContextBuilder.forClient()
                    .keyManager(pem(material.certificateChainPem()), pem(material.privateKeyPem()))
                    .trustManager(pem(material.trustAnchorsPem()))
                    .endpointIdentificationAlgorithm(null)
                    .sslProvider(SslProvider.JDK)
                    .protocols(TLS_13)
                    .applicationProtocolConfig(h2())
                    .build();
        } catch (SSLException e) {
            throw new GatewayException("cannot build the tunnel client TLS context from " + material + ": "
                    + e.getMessage(), e);
        }
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
