package io.fedgate.interconnect.ovsdb;

import io.fedgate.api.pki.PemFiles;
import io.fedgate.api.pki.PkiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * PEM files for {@code ssl:} endpoints, as ovsdb-server's own {@code --private-key}, {@code --certificate}
 * and {@code --ca-cert} take them (Kube-OVN keeps them in the {@code kube-ovn-tls} Secret as {@code key},
 * {@code cert} and {@code cacert}).
 *
 * @param verifyHostname check the server certificate's name against the host; OVS itself only checks
 *                       that the certificate is signed by the CA, and certificates made by {@code ovs-pki}
 *                       carry no subject alternative names, so this is off unless asked for
 */
public record OvsdbTls(Path privateKey, Path certificate, Path caCertificate, boolean verifyHostname) {
    /** The parsed content of the three files. */
    public record Pem(PrivateKey privateKey, List<X509Certificate> certificateChain,
                      List<X509Certificate> authorities) {
        public Pem {
            certificateChain = List.copyOf(certificateChain);
            authorities = List.copyOf(authorities);
        }
    }

    public OvsdbTls {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(caCertificate, "caCertificate");
    }

    /**
     * Checks that every file exists, is readable and holds what it should.
     *
     * @throws IllegalArgumentException naming the option and the file
     */
    public OvsdbTls validated() {
        check("private key", privateKey);
        check("certificate", certificate);
        check("CA certificate", caCertificate);
        load();
        return this;
    }

    /**
     * Reads the three files.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public Pem load() {
        return new Pem(read("private key", () -> PemFiles.readPrivateKey(privateKey)),
                read("certificate", () -> PemFiles.readCertificates(certificate)),
                read("CA certificate", () -> PemFiles.readCertificates(caCertificate)));
    }

    private static <T> T read(String what, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (PkiException e) {
            throw new IllegalArgumentException("TLS " + what + " " + e.getMessage(), e);
        }
    }

    private static void check(String what, Path p) {
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException("TLS " + what + " file " + p + " does not exist or is not readable");
        }
    }
}
