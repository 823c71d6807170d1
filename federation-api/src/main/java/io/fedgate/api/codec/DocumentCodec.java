package io.fedgate.api.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.api.codec.internal.BoundedInput;
import io.fedgate.api.codec.internal.NoYamlAliases;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Reads and writes one kind of document. Decoding is strict and all-or-nothing:
 * <ol>
 *   <li>the document is refused by size before it is parsed, reading the stream no further than one byte
 *       past {@link #maxDocumentBytes()};</li>
 *   <li>it is parsed into a tree under {@link FederationJson#streamReadConstraints()};</li>
 *   <li>the {@link ObjectFields.Reader} walks the tree, checking every field and collecting every
 *       problem with its path;</li>
 *   <li>any problem throws one {@link InvalidDocumentException} listing all of them; otherwise the
 *       value is returned.</li>
 * </ol>
 * New document kinds are added by giving {@link #of} a reader built from {@link ModelReaders} and
 * {@link ObjectFields}. Instances are immutable and thread-safe.
 *
 * @param <T> the record a document holds
 */
public final class DocumentCodec<T> {
    /** Largest document accepted unless configured otherwise: 16 MiB. */
    public static final int DEFAULT_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

    private final String kind;
    private final ObjectFields.Reader<T> reader;
    private final ObjectMapper mapper;
    private final UnknownFields unknownFields;
    private final int maxDocumentBytes;

    private DocumentCodec(String kind, ObjectFields.Reader<T> reader, ObjectMapper mapper,
                          UnknownFields unknownFields, int maxDocumentBytes) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.unknownFields = Objects.requireNonNull(unknownFields, "unknownFields");
        if (maxDocumentBytes < 1 || maxDocumentBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxDocumentBytes (" + maxDocumentBytes + ") must be in 1.."
                    + (Integer.MAX_VALUE - 1));
        }
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /**
     * A JSON codec for documents of {@code kind} read by {@code reader}, ignoring unknown fields, bounded by
     * {@link #DEFAULT_MAX_DOCUMENT_BYTES}.
     *
     * @param kind what the document is, for messages ({@code ClusterInventory})
     */
    public static <T> DocumentCodec<T> of(String kind, ObjectFields.Reader<T> reader) {
        return new DocumentCodec<>(kind, reader, FederationJson.mapper(), UnknownFields.IGNORE,
                DEFAULT_MAX_DOCUMENT_BYTES);
    }

    /** This codec with another size limit. */
    public DocumentCodec<T> withMaxDocumentBytes(int maxBytes) {
        return new DocumentCodec<>(kind, reader, mapper, unknownFields, maxBytes);
    }

    /** This codec with another mapper, e.g. {@link FederationJson#yamlMapper()} for YAML documents. */
    public DocumentCodec<T> withMapper(ObjectMapper otherMapper) {
        return new DocumentCodec<>(kind, reader, otherMapper, unknownFields, maxDocumentBytes);
    }

    /** This codec treating unknown fields as told. */
    public DocumentCodec<T> withUnknownFields(UnknownFields policy) {
        return new DocumentCodec<>(kind, reader, mapper, policy, maxDocumentBytes);
    }

    /** What the documents are, as messages name them. */
    public String kind() {
        return kind;
    }

    /** Largest document accepted, in bytes. */
    public int maxDocumentBytes() {
        return maxDocumentBytes;
    }

    /**
     * Reads one document from {@code in}, which is read to its end or until the size limit is crossed,
     * and not closed.
     *
     * @throws InvalidDocumentException listing every problem; nothing is returned then
     * @throws IOException              when the stream fails
     */
    public T decode(InputStream in) throws IOException {
        return decode(BoundedInput.readAtMost(in, maxDocumentBytes));
    }

    /**
     * Reads one document.
     *
     * @throws InvalidDocumentException listing every problem; nothing is returned then
     */
    public T decode(byte[] document) {
        if (document.length > maxDocumentBytes) {
            throw InvalidDocumentException.of(kind, "", "document is larger than " + maxDocumentBytes + " bytes");
        }
        JsonNode tree = parse(document);
        Problems problems = new Problems();
        T value = DocumentNode.root(tree, problems, unknownFields).object(reader);
        problems.throwIfAny(kind);
        return value;
    }

    /**
     * Writes {@code value} in this codec's format. Encoding does not validate: the receiving side's
     * {@link #decode} is the door.
     */
    public byte[] encode(T value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + kind + ": " + e.getOriginalMessage(), e);
        }
    }

    private JsonNode parse(byte[] document) {
        String format = mapper.getFactory().getFormatName();
        try (JsonParser parser = NoYamlAliases.guard(mapper.createParser(document))) {
            JsonNode tree = mapper.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw InvalidDocumentException.of(kind, "", "document is empty");
            }
            return tree;
        } catch (StreamConstraintsException e) {
            throw InvalidDocumentException.of(kind, "", at(e.getLocation()) + "document exceeds a parser limit: "
                    + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw InvalidDocumentException.of(kind, "", at(e.getLocation()) + "not valid " + format + ": "
                    + withoutSnippets(e.getOriginalMessage()));
        } catch (IOException e) {
            // reading a byte array has no I/O of its own; anything else is a parser failure to surface
            throw new UncheckedIOException("parsing " + kind + " from memory failed", e);
        }
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    /**
     * The parser's explanation without the indented source excerpts and positions some parsers (SnakeYAML)
     * interleave with it: {@code while parsing a flow sequence: expected ',' or ']', but got <stream end>}.
     */
    private static String withoutSnippets(String message) {
        if (message == null) {
            return "unreadable";
        }
        return message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .map(String::strip)
                .collect(java.util.stream.Collectors.joining(": "));
    }
}
