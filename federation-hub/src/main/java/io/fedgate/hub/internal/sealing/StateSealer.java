package io.fedgate.hub.internal.sealing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals every value the hub keeps in Hazelcast with AES-256-GCM under this member's {@link SealingKeys}, which
 * come from a file, never from Hazelcast. Whoever reaches the Hazelcast network without the key file can read
 * only ciphertext, and nothing it writes opens.
 *
 * <p>Envelope: {@value #FORMAT} (format byte), key id length, key id (ASCII), 96-bit random nonce,
 * ciphertext with its 128-bit tag. The associated data is the envelope's header, the map (or ring buffer)
 * name, a NUL and the entry's canonical key, so a value copied to another entry or map, or relabelled with
 * another key id, fails to open exactly like a forged one.
 *
 * <p>Join tokens are stored under an HMAC-SHA256 of the token with a key derived from each sealing key, not a
 * plain hash: whoever reads the map's keys cannot test guesses.
 */
public final class StateSealer {
    /** The envelope format this sealer writes. */
    public static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] TOKEN_KEY_LABEL = "fedgate join token hash v1".getBytes(StandardCharsets.UTF_8);

    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(StateSealer::newCipher);
    private volatile Ring ring;

    private record Ring(SealingKeys keys, byte[] activeHeader, Map<String, SecretKeySpec> tokenKeys) {
    }

    /** A sealer with {@code keys}. */
    public StateSealer(SealingKeys keys) {
        install(keys);
    }

    /** Replaces the key ring (a reloaded key file); values sealed before stay readable while their key is held. */
    public void install(SealingKeys keys) {
        Map<String, SecretKeySpec> tokenKeys = new java.util.LinkedHashMap<>();
        keys.keys().forEach((id, key) -> tokenKeys.put(id, new SecretKeySpec(hmac(key.getEncoded(), TOKEN_KEY_LABEL),
                "HmacSHA256")));
        this.ring = new Ring(keys, header(keys.active()), tokenKeys);
    }

    /** The key ring in use. */
    public SealingKeys keys() {
        return ring.keys();
    }

    /** Seals {@code plaintext} as the value of entry {@code key} of {@code map}, under the active key. */
    public byte[] seal(String map, String key, byte[] plaintext) {
        Ring current = ring;
        byte[] header = current.activeHeader();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, current.keys().keys().get(current.keys().active()),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(header, map, key));
            ByteBuffer envelope = ByteBuffer.allocate(header.length + NONCE_BYTES + cipher.getOutputSize(plaintext.length));
            envelope.put(header).put(nonce);
            cipher.doFinal(ByteBuffer.wrap(plaintext), envelope);
            return envelope.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /**
     * The plaintext of {@code envelope}, read as the value of entry {@code key} of {@code map}.
     *
     * @throws IntegrityFailure naming the map, the key and why it does not open
     */
    public byte[] open(String map, String key, byte[] envelope) {
        int headerLength = headerLength(map, key, envelope);
        String id = new String(envelope, 2, headerLength - 2, StandardCharsets.US_ASCII);
        SecretKey secret = ring.keys().keys().get(id);
        if (secret == null) {
            throw new IntegrityFailure(map, key, IntegrityFailure.Reason.UNKNOWN_KEY, "key id \"" + id + "\"");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, secret, new GCMParameterSpec(TAG_BITS, envelope, headerLength, NONCE_BYTES));
            cipher.updateAAD(associatedData(java.util.Arrays.copyOf(envelope, headerLength), map, key));
            int offset = headerLength + NONCE_BYTES;
            return cipher.doFinal(envelope, offset, envelope.length - offset);
        } catch (AEADBadTagException e) {
            throw new IntegrityFailure(map, key, IntegrityFailure.Reason.BAD_TAG, "key id \"" + id + "\"");
        } catch (GeneralSecurityException e) {
            throw new IntegrityFailure(map, key, IntegrityFailure.Reason.MALFORMED, e.getMessage());
        }
    }

    /** The id of the key {@code envelope} was sealed under; null when it is not an envelope. */
    public static String keyIdOf(byte[] envelope) {
        if (envelope == null || envelope.length < 3 || envelope[0] != FORMAT) {
            return null;
        }
        int length = envelope[1];
        return length < 1 || envelope.length < 2 + length ? null
                : new String(envelope, 2, length, StandardCharsets.US_ASCII);
    }

    /**
     * The keys a join token may be stored under: one per sealing key, the active key's first (the one new tokens
     * get). Hex of HMAC-SHA256 under a key derived from the sealing key.
     */
    public List<String> tokenKeys(String token) {
        List<String> keys = new ArrayList<>();
        byte[] text = token.getBytes(StandardCharsets.UTF_8);
        ring.tokenKeys().values().forEach(k -> keys.add(HexFormat.of().formatHex(hmac(k.getEncoded(), text))));
        return keys;
    }

    private static int headerLength(String map, String key, byte[] envelope) {
        if (envelope == null || envelope.length < 2 || envelope[0] != FORMAT) {
            throw new IntegrityFailure(map, key, IntegrityFailure.Reason.MALFORMED, envelope == null || envelope.length == 0
                    ? "empty" : "format byte " + (envelope[0] & 0xff) + ", expected " + FORMAT);
        }
        int length = 2 + envelope[1];
        if (envelope[1] < 1 || envelope.length < length + NONCE_BYTES + TAG_BITS / 8) {
            throw new IntegrityFailure(map, key, IntegrityFailure.Reason.MALFORMED, "truncated (" + envelope.length
                    + " bytes)");
        }
        return length;
    }

    private static byte[] header(String id) {
        byte[] ascii = id.getBytes(StandardCharsets.US_ASCII);
        byte[] header = new byte[2 + ascii.length];
        header[0] = FORMAT;
        header[1] = (byte) ascii.length;
        System.arraycopy(ascii, 0, header, 2, ascii.length);
        return header;
    }

    private static byte[] associatedData(byte[] header, String map, String key) {
        byte[] name = map.getBytes(StandardCharsets.UTF_8);
        byte[] entry = key.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(header.length + name.length + 1 + entry.length).put(header).put(name).put((byte) 0)
                .put(entry).array();
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides HmacSHA256", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides AES/GCM/NoPadding", e);
        }
    }
}
