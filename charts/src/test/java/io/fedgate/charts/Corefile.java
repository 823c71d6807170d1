package io.fedgate.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A CoreDNS Corefile parsed into its structure (server blocks, directives, their arguments and sub-blocks), so
 * tests can check what a rendered block configures rather than how its text looks. Follows the Corefile syntax:
 * {@code #} starts a comment, a directive is a line of words, {@code {} opens its block and {@code }} closes it.
 * Environment substitution, snippets and quoting are not supported; the chart renders none.
 */
record Corefile(List<ServerBlock> serverBlocks) {

    /** One server block: the keys before its brace ({@code zone:port}) and its plugin directives. */
    record ServerBlock(List<String> keys, List<Directive> directives) {

        /** The only directive of that name in the block, if any. */
        Optional<Directive> directive(String name) {
            return Directive.only(name, directives);
        }
    }

    /** A directive with its arguments and the directives of its block (empty when it has none). */
    record Directive(String name, List<String> args, List<Directive> block) {

        /** The only sub-directive of that name, if any. */
        Optional<Directive> directive(String name) {
            return only(name, block);
        }

        private static Optional<Directive> only(String name, List<Directive> directives) {
            List<Directive> found = directives.stream().filter(d -> d.name().equals(name)).toList();
            if (found.size() > 1) {
                throw new AssertionError("directive " + name + " appears " + found.size() + " times");
            }
            return found.stream().findFirst();
        }
    }

    /** Parses the text; fails naming the line on an unbalanced brace or a block without keys. */
    static Corefile parse(String text) {
        List<ServerBlock> blocks = new ArrayList<>();
        List<Line> lines = lines(text);
        int[] next = {0};
        while (next[0] < lines.size()) {
            Line line = lines.get(next[0]++);
            if (!line.opens() || line.words().isEmpty()) {
                throw new IllegalArgumentException("line " + line.number() + ": expected `KEYS {` to open a server "
                        + "block, found: " + String.join(" ", line.words()));
            }
            blocks.add(new ServerBlock(line.words(), directives(lines, next, line.number())));
        }
        return new Corefile(blocks);
    }

    /** The server block whose keys include {@code key} (such as {@code clusterset.local:53}). */
    Optional<ServerBlock> serverBlock(String key) {
        return serverBlocks.stream().filter(b -> b.keys().contains(key)).findFirst();
    }

    private static List<Directive> directives(List<Line> lines, int[] next, int openedAt) {
        List<Directive> directives = new ArrayList<>();
        while (next[0] < lines.size()) {
            Line line = lines.get(next[0]++);
            if (line.closes()) {
                return directives;
            }
            List<String> words = line.words();
            if (words.isEmpty()) {
                throw new IllegalArgumentException("line " + line.number() + ": a block without a directive");
            }
            List<String> args = List.copyOf(words.subList(1, words.size()));
            List<Directive> block = line.opens() ? directives(lines, next, line.number()) : List.of();
            directives.add(new Directive(words.get(0), args, block));
        }
        throw new IllegalArgumentException("line " + openedAt + ": block opened here is never closed");
    }

    /** A meaningful line: its words, and whether it ends by opening a block or is a lone closing brace. */
    private record Line(int number, List<String> words, boolean opens, boolean closes) {
    }

    private static List<Line> lines(String text) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String content = raw[i];
            int comment = content.indexOf('#');
            if (comment >= 0) {
                content = content.substring(0, comment);
            }
            content = content.strip();
            if (content.isEmpty()) {
                continue;
            }
            boolean closes = content.equals("}");
            boolean opens = content.endsWith("{");
            if (opens) {
                content = content.substring(0, content.length() - 1).strip();
            }
            if (!closes && (content.contains("{") || content.contains("}"))) {
                throw new IllegalArgumentException("line " + (i + 1) + ": braces must end a line or stand alone: "
                        + raw[i]);
            }
            List<String> words = closes || content.isEmpty() ? List.of() : List.of(content.split("\\s+"));
            lines.add(new Line(i + 1, words, opens, closes));
        }
        return lines;
    }
}
