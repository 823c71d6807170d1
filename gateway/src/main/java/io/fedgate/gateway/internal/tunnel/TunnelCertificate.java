package io.fedgate.gateway.internal.tunnel;

import io.fedgate.api.pki.TlsMaterial;
import io.netty.handler.ssl.SslContext;
import java.util.Objects;

/**
 * The certificate this gateway's tunnels present, replaceable at run time (a renewal): Netty's {@link SslContext}
 * is immutable, so both contexts are rebuilt from the new material and swapped together; channel initializers
 * read {@link #forClient()} and {@link #forServer()} per connection, so every connection made after
 * {@link #use} presents the new certificate while established ones keep the one they handshook with.
 */
public final class TunnelCertificate {
    private volatile Contexts current;

    /** @throws io.fedgate.gateway.GatewayException when {@code material} does not make a TLS context */
    public TunnelCertificate(TlsMaterial material) {
        this.current = Contexts.of(material);
    }

    /**
     * Presents {@code material} on connections from now on; both contexts are built before either is swapped,
     * so a failure leaves the previous certificate in use.
     *
     * @throws io.fedgate.gateway.GatewayException when {@code material} does not make a TLS context
     */
    public void use(TlsMaterial material) {
        current = Contexts.of(material);
    }

    /** The certificate presented now. */
    public TlsMaterial material() {
        return current.material();
    }

    /** The context for the next tunnel this gateway dials. */
    public SslContext forClient() {
        return current.client();
    }

    /** The context for the next tunnel this gateway accepts. */
    public SslContext forServer() {
        return current.server();
    }

    private record Contexts(TlsMaterial material, SslContext client, SslContext server) {
        static Contexts of(TlsMaterial material) {
            Objects.requireNonNull(material, "material");
            return new Contexts(material, TunnelTls.forClient(material), TunnelTls.forServer(material));
        }
    }
}
