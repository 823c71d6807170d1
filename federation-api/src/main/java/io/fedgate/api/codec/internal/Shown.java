package io.fedgate.api.codec.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a value appears inside a problem message: strings quoted, numbers as written, long values cut so
 * that an error about a huge string stays small.
 */
public final class Shown {
    /** Characters of a value shown before it is cut. */
    public static final int MAX_SHOWN_CHARACTERS = 80;

    private Shown() {
    }

    /** {@code "Bad_Name"}, with quotes and control characters escaped and long text cut. */
    public static String quoted(String text) {
        if (text.length() <= MAX_SHOWN_CHARACTERS) {
            return '"' + escaped(text) + '"';
        }
        return '"' + escaped(text.substring(0, MAX_SHOWN_CHARACTERS)) + "...\" (" + text.length() + " characters)";
    }

    /** A JSON/YAML node as a message shows it: a scalar as written, a container by its kind. */
    public static String node(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isTextual()) {
            return quoted(node.textValue());
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        String text = node.asText();
        return text.length() <= MAX_SHOWN_CHARACTERS ? text : text.substring(0, MAX_SHOWN_CHARACTERS) + "...";
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
