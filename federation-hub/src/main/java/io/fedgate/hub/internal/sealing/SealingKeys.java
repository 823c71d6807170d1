package io.fedgate.hub.internal.sealing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sealing key ring of a member, read from a key file: one key per line, {@code <id>:<base64 of 32 bytes>}
 * (AES-256), {@code #} comments and blank lines ignored. The <b>first</b> key seals; every key opens. Rotating:
 * append a new key (every member can then read it), move it to the first line (new values are sealed with it,
 * old ones re-sealed in the background), then delete the old line (its entries are refused from then on).
 *
 * @param active the id of the key that seals
 * @param keys   every key by id, the active one first
 */
public record SealingKeys(String active, Map<String, SecretKey> keys) {
    /** Bytes of a key: AES-256. */
    public static final int KEY_BYTES = 32;
    /** Largest key file read. */
    public static final int MAX_FILE_BYTES = 64 * 1024;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    public SealingKeys {
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    /**
     * Parses a key file's content; {@code source} names it in messages.
     *
     * @throws IllegalArgumentException naming the line that is wrong (never the key)
     */
    public static SealingKeys parse(byte[] content, String source) {
        if (content.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(source + ": larger than " + MAX_FILE_BYTES + " bytes");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            int colon = line.indexOf(':');
            String id = colon < 0 ? "" : line.substring(0, colon);
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(where + "expected <id>:<base64 key>, the id 1..32 of A-Z a-z 0-9 . _ -");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(line.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "key \"" + id + "\" is not base64");
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException(where + "key \"" + id + "\" has " + key.length + " bytes, not "
                        + KEY_BYTES);
            }
            if (keys.put(id, new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalArgumentException(where + "key id \"" + id + "\" appears twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(source + ": holds no key (lines of <id>:<base64 of 32 bytes>)");
        }
        return new SealingKeys(keys.keySet().iterator().next(), keys);
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException when it is missing, unreadable or wrong, naming it
     */
    public static SealingKeys load(Path file) {
        try {
            return parse(read(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The bytes of {@code file}, at most {@link #MAX_FILE_BYTES} + 1. */
    static byte[] read(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(MAX_FILE_BYTES + 1);
        }
    }

    /** A key file line: {@code id} with fresh random key material. */
    public static String newKeyLine(String id, SecureRandom random) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("key id \"" + id + "\": 1..32 of A-Z a-z 0-9 . _ -");
        }
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    /**
     * Writes a key file with one fresh key to {@code file} (owner-only where the file system allows), unless it
     * exists: for local, demo and test hubs, whose members share one data directory tree.
     *
     * @return {@code file}
     */
    public static Path createIfAbsent(Path file) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling("." + file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, newKeyLine("k1", new SecureRandom()) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        try {
            // a link, unlike a rename, never replaces a file another process created meanwhile
            Files.createLink(file, temporary);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // theirs is as good
        } finally {
            Files.deleteIfExists(temporary);
        }
        return file;
    }

    /** Every key id, the active one first. */
    public List<String> ids() {
        return new ArrayList<>(keys.keySet());
    }

    /** Never shows key material. */
    @Override
    public String toString() {
        return "SealingKeys[active " + active + ", ids " + keys.keySet() + "]";
    }
}
