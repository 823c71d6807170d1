package io.fedgate.interconnect.ovsdb.internal;

import io.fedgate.interconnect.ovsdb.OvsdbProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into JSON objects. OVSDB sends objects back to back with no delimiter, so this
 * tracks brace depth, knowing that braces inside strings (and escaped quotes) do not count. Emits one
 * {@link ByteBuf} per complete top-level object; does not parse JSON (that is {@link JsonRpcCodec}'s job).
 *
 * <p>Bounded: a message larger than {@code maxMessageBytes}, or nested deeper than {@code maxDepth}, is
 * refused with an {@link OvsdbProtocolException} before it is buffered further; so is anything between
 * messages that is not whitespace or '{', and a message cut short by the end of the stream.
 */
public final class JsonStreamFrameDecoder extends ByteToMessageDecoder {
    /** Deepest nesting accepted; OVSDB messages nest about eight levels. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private final int maxMessageBytes;
    private final int maxDepth;
    private boolean inMessage;
    private boolean inString;
    private boolean escaped;
    private int depth;
    private int scanned;
    private boolean failed;

    /** A decoder refusing messages over {@code maxMessageBytes} or nested over {@link #DEFAULT_MAX_DEPTH}. */
    public JsonStreamFrameDecoder(int maxMessageBytes) {
        this(maxMessageBytes, DEFAULT_MAX_DEPTH);
    }

    public JsonStreamFrameDecoder(int maxMessageBytes, int maxDepth) {
        if (maxMessageBytes < 2) {
            throw new IllegalArgumentException("maxMessageBytes (" + maxMessageBytes + ") must be >= 2");
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth (" + maxDepth + ") must be >= 1");
        }
        this.maxMessageBytes = maxMessageBytes;
        this.maxDepth = maxDepth;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable()) {
            if (!inMessage && !startMessage(in)) {
                return;
            }
            int start = in.readerIndex();
            int end = in.writerIndex();
            int i = start + scanned;
            int complete = -1;
            for (; i < end; i++) {
                if (step(in.getByte(i))) {
                    complete = i + 1;
                    break;
                }
                if (i - start + 1 > maxMessageBytes) {
                    throw fail("JSON-RPC message exceeds the limit of " + maxMessageBytes + " bytes");
                }
            }
            if (complete < 0) {
                scanned = end - start;
                return;
            }
            if (complete - start > maxMessageBytes) {
                throw fail("JSON-RPC message exceeds the limit of " + maxMessageBytes + " bytes");
            }
            out.add(in.readRetainedSlice(complete - start));
            inMessage = false;
            scanned = 0;
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.isReadable()) {
            decode(ctx, in, out);
        }
        if (inMessage && !failed) {
            int buffered = scanned;
            inMessage = false;
            // reported before the decoder passes channelInactive on, so handlers waiting for a reply learn why
            ctx.fireExceptionCaught(fail("connection closed in the middle of a JSON message (" + buffered
                    + " bytes received, " + depth + " levels still open)"));
        }
    }

    /** Skips whitespace; checks the next byte opens an object. False when no byte is left. */
    private boolean startMessage(ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.getByte(in.readerIndex());
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                in.skipBytes(1);
                continue;
            }
            if (b != '{') {
                throw fail("expected '{' at the start of a JSON-RPC message but got " + describe(b));
            }
            inMessage = true;
            inString = false;
            escaped = false;
            depth = 0;
            scanned = 0;
            return true;
        }
        return false;
    }

    /** Advances the scanner by one byte; true when that byte closed the top-level object. */
    private boolean step(byte b) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '"') {
                inString = false;
            }
            return false;
        }
        switch (b) {
            case '"' -> inString = true;
            case '{', '[' -> {
                if (++depth > maxDepth) {
                    throw fail("JSON-RPC message nests deeper than " + maxDepth + " levels");
                }
            }
            case '}', ']' -> {
                return --depth == 0;
            }
            default -> {
                // other bytes (including UTF-8 continuation bytes, all >= 0x80) never affect structure
            }
        }
        return false;
    }

    private OvsdbProtocolException fail(String message) {
        failed = true;
        return new OvsdbProtocolException(message);
    }

    private static String describe(byte b) {
        int v = b & 0xFF;
        return v >= 0x20 && v < 0x7F ? "'" + (char) v + "'" : String.format("byte 0x%02x", v);
    }
}
