/**
 * The cluster set's PKI: a CA, SPIFFE identities, and the TLS material every fedgate connection uses.
 *
 * <h2>Identities</h2>
 * Every certificate fedgate issues carries exactly one URI SAN, a SPIFFE id whose trust domain is the
 * cluster set:
 * <ul>
 *   <li>{@code spiffe://<clusterset>/cluster/<cluster-id>/<component>} for a {@link io.fedgate.api.pki.Component}
 *       (hub, agent, gateway) of a member cluster ({@link io.fedgate.api.pki.ClusterIdentity});</li>
 *   <li>{@code spiffe://<clusterset>/admin/<name>} for an operator running {@code fedgate ctl}
 *       ({@link io.fedgate.api.pki.AdminIdentity}). The first path segment differs, so no cluster id can
 *       ever produce an admin identity or the other way round.</li>
 * </ul>
 * The CA certificate carries {@code spiffe://<clusterset>} (the trust domain, no path), which is how a CA
 * directory records its cluster set. Subject DNs are informational; identity comes from the URI SAN only.
 *
 * <h2>Who does what</h2>
 * <ul>
 *   <li>{@link io.fedgate.api.pki.CertificateAuthority}: the hub's CA (or {@code fedgate pki init}); issues
 *       key + certificate, or signs a CSR with the identity <em>the CA</em> decided.</li>
 *   <li>{@link io.fedgate.api.pki.CertificateRequest}: an agent or gateway's key pair and CSR for joining.</li>
 *   <li>{@link io.fedgate.api.pki.TlsMaterial}: key, chain and trust anchors as PEM, for Netty, Vert.x or the
 *       JDK; saved as {@code tls.key}, {@code tls.crt}, {@code ca.crt}: the directory {@code --cert DIR} names.</li>
 *   <li>{@link io.fedgate.api.pki.IdentityVerifier}: turns a peer's certificate chain into its SPIFFE id, or
 *       an {@link io.fedgate.api.pki.UntrustedPeerException} saying exactly why not.</li>
 *   <li>{@link io.fedgate.api.pki.RotationPolicy}: when a holder should renew its certificate.</li>
 *   <li>{@link io.fedgate.api.pki.PemFiles}: bounded PEM reads; private keys written 0600 from creation.</li>
 * </ul>
 * Problems with files, keys and certificates raise {@link io.fedgate.api.pki.PkiException}; a malformed
 * identity string raises {@link java.lang.IllegalArgumentException}, like {@link io.fedgate.api.net.Cidr#parse}.
 * Time always comes from an injected {@link java.time.Clock}.
 */
package io.fedgate.api.pki;
