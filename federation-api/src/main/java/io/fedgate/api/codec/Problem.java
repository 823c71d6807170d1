package io.fedgate.api.codec;

import java.util.Objects;

/**
 * One thing wrong with a document: where ({@code exports[0].ports[1].port}) and what
 * ({@code 70000 is not a port (1..65535)}).
 *
 * @param path    the field path from the document root, dotted names and {@code [index]}; empty for the
 *                document as a whole (too large, not JSON)
 * @param message what is wrong, naming the offending value
 */
public record Problem(String path, String message) {
    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code path: message}, or just the message for the whole document. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
