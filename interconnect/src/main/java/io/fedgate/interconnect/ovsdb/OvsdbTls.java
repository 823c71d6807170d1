package io.fedgate.interconnect.ovsdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * PEM files for {@code ssl:} endpoints, as ovsdb-server's own {@code --private-key}, {@code --certificate}
 * and {@code --ca-cert} take them.
 *
 * @param verifyHostname check the server certificate's name against the host; OVS itself only checks
 *                       that the certificate is signed by the CA, and certificates made by {@code ovs-pki}
 *                       carry no subject alternative names, so this is off unless asked for
 */
public record OvsdbTls(Path privateKey, Path certificate, Path caCertificate, boolean verifyHostname) {
    public OvsdbTls {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(caCertificate, "caCertificate");
    }

    /**
     * Checks that every file exists and is readable.
     *
     * @throws IllegalArgumentException naming the option and the file
     */
    public OvsdbTls validated() {
        check("private key", privateKey);
        check("certificate", certificate);
        check("CA certificate", caCertificate);
        return this;
    }

    private static void check(String what, Path p) {
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException("TLS " + what + " file " + p + " does not exist or is not readable");
        }
    }
}
