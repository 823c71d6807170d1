package io.fedgate.api.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedgate.api.codec.internal.Shown;
import io.fedgate.api.net.Cidr;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One value of a document being read (a JSON or YAML tree), with its field path.
 *
 * <p>Each typed read checks the value; when it is wrong it records a {@link Problem} naming the path and
 * the value, and returns null (or an empty collection). Readers carry on past problems so that one pass
 * finds all of them; whoever started the read throws at the end ({@link Problems#throwIfAny}), so a
 * partly read object never escapes. Collections never contain nulls: an entry that failed is dropped,
 * its problem already recorded.
 */
public final class DocumentNode {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    /** Longest text worth handing to {@link Cidr#parse}: an IPv6 address with an IPv4 tail plus "/128". */
    private static final int MAX_CIDR_TEXT = 64;
    /** Longest text worth handing to {@link Instant#parse}: ISO-8601 with nanoseconds and an offset. */
    private static final int MAX_INSTANT_TEXT = 64;

    private final JsonNode json;
    private final String path;
    private final Problems problems;
    private final UnknownFields unknownFields;

    private DocumentNode(JsonNode json, String path, Problems problems, UnknownFields unknownFields) {
        this.json = json;
        this.path = path;
        this.problems = problems;
        this.unknownFields = unknownFields;
    }

    /** The root of a document: problems go to {@code problems}, unknown fields are handled as told. */
    public static DocumentNode root(JsonNode json, Problems problems, UnknownFields unknownFields) {
        return new DocumentNode(json, "", Objects.requireNonNull(problems, "problems"),
                Objects.requireNonNull(unknownFields, "unknownFields"));
    }

    /** This value's path from the root ({@code exports[0].ports[1]}); empty for the root. */
    public String path() {
        return path;
    }

    /** Where this read's problems go. */
    public Problems problems() {
        return problems;
    }

    /** Records a problem about this value. */
    public void problem(String message) {
        problems.add(path, message);
    }

    /** The text, when it is a string following {@code rule}. */
    public String text(TextRule rule) {
        if (json != null && (json.isNumber() || json.isBoolean())) {
            // YAML reads unquoted yes/no/on/off as booleans and digits as numbers: say how to get text
            problem(Shown.node(json) + " is not a string (quote it if it is meant as text)");
            return null;
        }
        if (json == null || !json.isTextual()) {
            return wrongKind("a string");
        }
        return checked(json.textValue(), rule);
    }

    /** The number, when it is a whole number inside {@code range}. */
    public Long longValue(Range range) {
        if (json == null || !json.isNumber()) {
            return wrongKind("an integer");
        }
        if (!json.isIntegralNumber()) {
            problem(Shown.node(json) + " is not an integer");
            return null;
        }
        if (!json.canConvertToLong()) {
            problem(range.problem(Shown.node(json), json.bigIntegerValue().signum() < 0));
            return null;
        }
        long value = json.longValue();
        if (!range.contains(value)) {
            problem(range.problem(Long.toString(value), value < range.min()));
            return null;
        }
        return value;
    }

    /** The number, when it is a whole number inside {@code range}, which must fit in an int. */
    public Integer intValue(Range range) {
        if (!range.fitsInt()) {
            throw new IllegalArgumentException("range " + range + " does not fit in an int");
        }
        Long value = longValue(range);
        return value == null ? null : value.intValue();
    }

    /** The boolean, when it is {@code true} or {@code false}. */
    public Boolean bool() {
        if (json == null || !json.isBoolean()) {
            return wrongKind("true or false");
        }
        return json.booleanValue();
    }

    /** The constant whose {@link WireNames wire name} this is; a problem lists the allowed names. */
    public <E extends Enum<E>> E enumValue(Class<E> type) {
        String allowed = String.join(", ", WireNames.allowed(type));
        if (json == null || !json.isTextual()) {
            return wrongKind("one of " + allowed);
        }
        E value = WireNames.parse(type, json.textValue());
        if (value == null) {
            problem(Shown.quoted(json.textValue()) + " is not one of " + allowed);
        }
        return value;
    }

    /** The prefix, when it is a string {@link Cidr#parse} accepts; the problem is Cidr's own message. */
    public Cidr cidr() {
        return parsed("a CIDR", MAX_CIDR_TEXT, Cidr::parse, (text, e) -> e.getMessage());
    }

    /** The instant, when it is an ISO-8601 string such as {@code 2024-05-01T12:00:00Z}. */
    public Instant instant() {
        return parsed("an ISO-8601 instant", MAX_INSTANT_TEXT, Instant::parse,
                (text, e) -> Shown.quoted(text) + " is not an ISO-8601 instant (like 2024-05-01T12:00:00Z)");
    }

    /**
     * The object {@code reader} builds from this value's fields, when it is an object. Afterwards, fields
     * the reader never asked for are reported or ignored as the read was told ({@link UnknownFields}).
     */
    public <T> T object(ObjectFields.Reader<T> reader) {
        if (json == null || !json.isObject()) {
            return wrongKind("an object");
        }
        ObjectFields fields = new ObjectFields(this);
        T value = reader.read(fields);
        if (unknownFields == UnknownFields.REPORT) {
            fields.reportUnknownFields();
        }
        return value;
    }

    /**
     * The entries {@code element} reads, when this is a list of at most {@code maxSize} entries whose
     * {@code unique} keys do not repeat. A list over the limit is reported without reading its entries.
     */
    @SafeVarargs
    public final <T> List<T> list(int maxSize, Function<DocumentNode, T> element, Unique<? super T>... unique) {
        if (!isBounded(json != null && json.isArray(), "a list", maxSize)) {
            return List.of();
        }
        List<T> entries = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            entries.add(element.apply(child(json.get(i), path + "[" + i + "]")));
        }
        for (Unique<? super T> key : unique) {
            reportRepeats(entries, key);
        }
        return entries.stream().filter(Objects::nonNull).toList();
    }

    /**
     * The entries of an object used as a map (keys are data, not field names): at most {@code maxSize},
     * keys following {@code keyRule}, values read by {@code value}. Insertion order is kept.
     */
    public <V> Map<String, V> map(int maxSize, TextRule keyRule, Function<DocumentNode, V> value) {
        if (!isBounded(json != null && json.isObject(), "an object", maxSize)) {
            return Map.of();
        }
        Map<String, V> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : json.properties()) {
            String entryPath = memberPath(entry.getKey());
            String keyProblem = keyRule.problem(entry.getKey());
            if (keyProblem != null) {
                problems.add(entryPath, keyProblem);
                continue;
            }
            V read = value.apply(child(entry.getValue(), entryPath));
            if (read != null) {
                entries.put(entry.getKey(), read);
            }
        }
        return entries;
    }

    /** The underlying tree node; null for an absent value. */
    JsonNode json() {
        return json;
    }

    /** The field {@code name} of this object, or null when absent or JSON null. */
    DocumentNode field(String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? null : child(value, memberPath(name));
    }

    /** The path of member {@code name}: {@code a.b}, or {@code a["odd key"]} when the name needs quoting. */
    String memberPath(String name) {
        if (!PLAIN_KEY.matcher(name).matches()) {
            return path + "[" + Shown.quoted(name) + "]";
        }
        return path.isEmpty() ? name : path + "." + name;
    }

    private DocumentNode child(JsonNode value, String childPath) {
        return new DocumentNode(value, childPath, problems, unknownFields);
    }

    /**
     * A string value parsed as {@code expected}; text longer than any such value is refused unparsed, and
     * a parse failure is recorded as {@code problemOf} words it.
     */
    private <T> T parsed(String expected, int maxLength, Function<String, T> parser,
                         BiFunction<String, RuntimeException, String> problemOf) {
        if (json == null || !json.isTextual()) {
            return wrongKind(expected);
        }
        String text = json.textValue();
        if (text.length() > maxLength) {
            problem(Shown.quoted(text) + " is not " + expected + " (" + text.length() + " characters)");
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException | DateTimeException e) {
            problem(problemOf.apply(text, e));
            return null;
        }
    }

    private String checked(String text, TextRule rule) {
        String problem = rule.problem(text);
        if (problem != null) {
            problem(problem);
            return null;
        }
        return text;
    }

    /** True when this is the {@code expected} container with at most {@code maxSize} entries; else says why. */
    private boolean isBounded(boolean rightKind, String expected, int maxSize) {
        if (!rightKind) {
            wrongKind(expected);
            return false;
        }
        if (json.size() > maxSize) {
            problem("has " + json.size() + " entries, more than the limit of " + maxSize);
            return false;
        }
        return true;
    }

    private <T> T wrongKind(String expected) {
        problem(json != null && json.isContainerNode()
                ? "expected " + expected + ", got " + Shown.node(json)
                : Shown.node(json) + " is not " + expected);
        return null;
    }

    private <T> void reportRepeats(List<T> entries, Unique<? super T> unique) {
        Map<Object, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            T entry = entries.get(i);
            Object key = entry == null ? null : unique.key().apply(entry);
            if (key == null) {
                continue;
            }
            Integer first = firstIndex.putIfAbsent(key, i);
            if (first != null) {
                String shownKey = key instanceof String text ? Shown.quoted(text) : key.toString();
                problems.add(unique.pathIn(path + "[" + i + "]"),
                        shownKey + " duplicates " + unique.pathIn(path + "[" + first + "]"));
            }
        }
    }
}
