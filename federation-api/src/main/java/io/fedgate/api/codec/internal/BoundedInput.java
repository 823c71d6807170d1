package io.fedgate.api.codec.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a stream into memory, never more than one byte past a limit, whatever the stream holds. */
public final class BoundedInput {
    private static final int FIRST_BUFFER_BYTES = 8 * 1024;

    private BoundedInput() {
    }

    /**
     * Reads {@code in} to its end or until it has produced more than {@code maxBytes}, whichever comes
     * first. The result is longer than {@code maxBytes} exactly when the stream was: the caller refuses
     * it without having read the rest.
     *
     * @throws IOException when the stream fails
     */
    public static byte[] readAtMost(InputStream in, int maxBytes) throws IOException {
        if (maxBytes < 0 || maxBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBytes (" + maxBytes + ") must be in 0.." + (Integer.MAX_VALUE - 1));
        }
        int limit = maxBytes + 1;
        byte[] buffer = new byte[Math.min(limit, FIRST_BUFFER_BYTES)];
        int filled = 0;
        while (filled < limit) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(limit, 2L * buffer.length));
            }
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                break;
            }
            filled += read;
        }
        return filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
    }
}
