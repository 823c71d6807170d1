package io.fedgate.api.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PEM encoding and files for certificates, chains and PKCS#8 private keys.
 *
 * <p>Reads are bounded by {@link #DEFAULT_MAX_PEM_BYTES}. Writes replace the target atomically (a temporary
 * file in the same directory, then a rename), so a reader sees the old or the new content, never half.
 * Private keys are created with permissions {@code 0600} from the first byte: there is no moment where the
 * file exists with wider permissions. Every error names the file (or the {@code source} given for strings).
 */
public final class PemFiles {

    /** Largest PEM file read (a CA bundle of a few hundred certificates fits). */
    public static final int DEFAULT_MAX_PEM_BYTES = 1024 * 1024;
    /** Permissions of private key files: owner read/write only. */
    public static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    /** Permissions of certificate files: world-readable, owner-writable. */
    public static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");
    /** Permissions of directories created to hold keys: owner only. */
    public static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private static final Logger LOG = LoggerFactory.getLogger(PemFiles.class);
    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PRIVATE_KEY = "PRIVATE KEY";

    private PemFiles() {
    }

    // ---- reading ----

    /**
     * The content of {@code file} as text, refusing files larger than {@link #DEFAULT_MAX_PEM_BYTES}.
     *
     * @throws PkiException naming the file when it is missing, unreadable or too large
     */
    public static String read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            // read one byte more than allowed: a file growing between a size check and the read is still caught
            byte[] bytes = in.readNBytes(DEFAULT_MAX_PEM_BYTES + 1);
            if (bytes.length > DEFAULT_MAX_PEM_BYTES) {
                throw new PkiException(file + ": larger than " + DEFAULT_MAX_PEM_BYTES
                        + " bytes (DEFAULT_MAX_PEM_BYTES), not a PEM file fedgate reads");
            }
            return new String(bytes, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new PkiException(file + ": no such file", e);
        } catch (IOException e) {
            throw new PkiException(file + ": cannot read: " + e, e);
        }
    }

    /** All certificates in {@code file}, in order; at least one. */
    public static List<X509Certificate> readCertificates(Path file) {
        return parseCertificates(read(file), file.toString());
    }

    /** The private key in {@code file} (PKCS#8 {@code PRIVATE KEY}, or SEC1/PKCS#1 as openssl writes them). */
    public static PrivateKey readPrivateKey(Path file) {
        String pem = read(file);
        warnIfOthersCanRead(file);
        return parsePrivateKey(pem, file.toString());
    }

    /** A key readable by group or others is still used (the operator may have reasons) but never silently. */
    private static void warnIfOthersCanRead(Path file) {
        if (!isPosix(file)) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> !PRIVATE_FILE.contains(p) && p != PosixFilePermission.OWNER_EXECUTE)) {
                LOG.warn("{}: private key has permissions {}, group or others have access; expected {}", file,
                        PosixFilePermissions.toString(permissions), PosixFilePermissions.toString(PRIVATE_FILE));
            }
        } catch (IOException e) {
            LOG.warn("{}: cannot read the private key's permissions: {}", file, e.toString());
        }
    }

    /**
     * All {@code CERTIFICATE} blocks of {@code pem}, in order.
     *
     * @param source names the PEM in error messages (a file name, {@code "csr"}, a field)
     * @throws PkiException naming {@code source} when the text holds no certificate, garbled base64 or DER,
     *     or a block of another type
     */
    public static List<X509Certificate> parseCertificates(String pem, String source) {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object block : parseBlocks(pem, source)) {
            if (!(block instanceof X509CertificateHolder)) {
                throw new PkiException(source + ": expected only " + CERTIFICATE + " blocks, found "
                        + describeBlock(block));
            }
            try {
                certificates.add(converter.getCertificate((X509CertificateHolder) block));
            } catch (CertificateException e) {
                throw new PkiException(source + ": certificate " + (certificates.size() + 1) + " is garbled: "
                        + e.getMessage(), e);
            }
        }
        if (certificates.isEmpty()) {
            throw new PkiException(source + ": no PEM " + CERTIFICATE + " block found");
        }
        return List.copyOf(certificates);
    }

    /**
     * The single private key of {@code pem}. Encrypted keys are refused (fedgate relies on file permissions).
     *
     * @param source names the PEM in error messages
     * @throws PkiException naming {@code source} when there is no key, more than one block, or garbage
     */
    public static PrivateKey parsePrivateKey(String pem, String source) {
        List<Object> blocks = parseBlocks(pem, source);
        if (blocks.size() != 1) {
            throw new PkiException(source + ": expected exactly one private key block, found " + blocks.size()
                    + " PEM blocks");
        }
        Object block = blocks.get(0);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (block instanceof PrivateKeyInfo) {
                return converter.getPrivateKey((PrivateKeyInfo) block);
            }
            if (block instanceof PEMKeyPair) {
                return converter.getPrivateKey(((PEMKeyPair) block).getPrivateKeyInfo());
            }
        } catch (IOException e) {
            throw new PkiException(source + ": private key is garbled: " + e.getMessage(), e);
        }
        if (block instanceof PEMEncryptedKeyPair || block instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new PkiException(source + ": private key is encrypted; fedgate expects an unencrypted key "
                    + "protected by file permissions 0600");
        }
        throw new PkiException(source + ": expected a private key, found " + describeBlock(block));
    }

    /**
     * The PEM objects of {@code pem} as BouncyCastle decodes them (certificates, keys, CSRs).
     *
     * @throws PkiException naming {@code source} when the text is too long, has no PEM block or is garbled
     */
    static List<Object> parseBlocks(String pem, String source) {
        if (pem == null) {
            throw new PkiException(source + ": no PEM text");
        }
        if (pem.length() > DEFAULT_MAX_PEM_BYTES) {
            throw new PkiException(source + ": " + pem.length() + " characters, more than the "
                    + DEFAULT_MAX_PEM_BYTES + " a PEM text may have (DEFAULT_MAX_PEM_BYTES)");
        }
        List<Object> blocks = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            // BouncyCastle reports bad base64 and bad DER as IOException or as an unchecked DecoderException
            throw new PkiException(source + ": garbled PEM: " + e.getMessage(), e);
        }
        if (blocks.isEmpty()) {
            throw new PkiException(source + ": no PEM block found");
        }
        return blocks;
    }

    private static String describeBlock(Object block) {
        return block == null ? "nothing" : "a " + block.getClass().getSimpleName();
    }

    // ---- encoding ----

    /** {@code certificates} as consecutive {@code CERTIFICATE} blocks. */
    public static String toPem(List<X509Certificate> certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing PEM to memory", e);
        }
        return out.toString();
    }

    /** One {@code CERTIFICATE} block. */
    public static String toPem(X509Certificate certificate) {
        return toPem(List.of(certificate));
    }

    /** An unencrypted PKCS#8 {@code PRIVATE KEY} block, the form Netty and Vert.x read. */
    public static String toPem(PrivateKey key) {
        return pemBlock(PRIVATE_KEY, key.getEncoded());
    }

    /** One PEM block of {@code type} around {@code der}. */
    static String pemBlock(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException("writing PEM to memory", e);
        }
        return out.toString();
    }

    // ---- writing ----

    /** Writes {@code key} as PKCS#8 PEM to {@code file}, created with permissions 0600. */
    public static void writePrivateKey(Path file, PrivateKey key) {
        writeAtomically(file, toPem(key), PRIVATE_FILE);
    }

    /** Writes {@code certificates} as PEM to {@code file}, permissions 0644. */
    public static void writeCertificates(Path file, List<X509Certificate> certificates) {
        writeAtomically(file, toPem(certificates), PUBLIC_FILE);
    }

    /**
     * Replaces {@code file} with {@code text}: written to a temporary file created with {@code permissions}
     * next to it, then renamed over it.
     *
     * @throws PkiException naming the file when it cannot be written
     */
    static void writeAtomically(Path file, String text, Set<PosixFilePermission> permissions) {
        Path target = file.toAbsolutePath();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp",
                    fileAttributes(target, permissions));
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            if (isPosix(target)) {
                // the umask may have removed bits at creation; set exactly what was asked
                Files.setPosixFilePermissions(temporary, permissions);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException e) {
            throw new PkiException(file + ": cannot write: " + e, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /**
     * Makes sure {@code dir} exists; when it has to be created, it is created with permissions 0700
     * (parents with the default ones). An existing directory is left as it is.
     *
     * @throws PkiException naming the directory when it cannot be created or is a file
     */
    public static void ensurePrivateDirectory(Path dir) {
        Path absolute = dir.toAbsolutePath();
        try {
            if (Files.isDirectory(absolute)) {
                return;
            }
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            Files.createDirectory(absolute, fileAttributes(absolute, PRIVATE_DIRECTORY));
        } catch (IOException e) {
            throw new PkiException(dir + ": cannot create directory: " + e, e);
        }
    }

    private static FileAttribute<?>[] fileAttributes(Path path, Set<PosixFilePermission> permissions) {
        return isPosix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // the write already failed and says so; a leftover dot-file is the lesser problem
            LOG.warn("{}: cannot delete temporary file after a failed write: {}", temporary, e.toString());
        }
    }
}
