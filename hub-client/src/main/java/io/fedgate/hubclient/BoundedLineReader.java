package io.fedgate.hubclient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads newline-terminated lines of bytes from a stream (plan watch streams, audit files), refusing a line longer than {@code maxLineBytes}
 * before buffering more of it: one misbehaving peer cannot make the reader hold more than that.
 */
public final class BoundedLineReader {
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[CHUNK];
    private int position;
    private int limit;

    /**
     * @param maxLineBytes longest line accepted, without its newline; at least 1
     */
    public BoundedLineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes (" + maxLineBytes + ") must be at least 1");
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * The next line without its {@code \n} (and without a {@code \r} before it), or null at the end of the
     * stream. A last line without a newline is returned too.
     *
     * @throws LineTooLongException when a line exceeds the limit
     */
    public byte[] readLine() throws IOException {
        ByteArrayOutputStream line = null;
        while (true) {
            if (position == limit) {
                limit = in.read(chunk, 0, chunk.length);
                position = 0;
                if (limit < 0) {
                    limit = 0;
                    return line == null || line.size() == 0 ? null : trimmed(line.toByteArray());
                }
            }
            int start = position;
            while (position < limit && chunk[position] != '\n') {
                position++;
            }
            int length = position - start;
            int buffered = line == null ? 0 : line.size();
            if (buffered + length > maxLineBytes + 1) {
                throw new LineTooLongException("line longer than " + maxLineBytes + " bytes");
            }
            if (line == null) {
                line = new ByteArrayOutputStream(Math.min(Math.max(length, 256), maxLineBytes + 1));
            }
            line.write(chunk, start, length);
            if (position < limit) {
                position++;
                byte[] bytes = trimmed(line.toByteArray());
                if (bytes.length > maxLineBytes) {
                    throw new LineTooLongException("line longer than " + maxLineBytes + " bytes");
                }
                return bytes;
            }
        }
    }

    private static byte[] trimmed(byte[] bytes) {
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            return java.util.Arrays.copyOf(bytes, bytes.length - 1);
        }
        return bytes;
    }

    /** A line exceeded the reader's limit; the stream cannot be trusted past it. */
    public static final class LineTooLongException extends IOException {
        LineTooLongException(String message) {
            super(message);
        }
    }
}
