package io.fedgate.charts;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric and label names a PromQL expression refers to. A small tokenizer, not a parser: it knows
 * strings, label matchers, range brackets, numbers and durations, keywords, and that an identifier followed
 * by "(" is a function or aggregation; every other identifier is a metric name. Whether the expression is
 * valid PromQL is for a real Prometheus to say ({@code PrometheusQueriesIT}).
 *
 * @param metrics metric names, as written (histogram series keep their {@code _bucket}/{@code _sum}/{@code _count})
 * @param labels  label names in matchers and in {@code by}/{@code without}/{@code on}/{@code ignoring}/
 *                {@code group_left}/{@code group_right} lists
 */
public record PromQlNames(Set<String> metrics, Set<String> labels) {

    /** Words that take a parenthesized label list. */
    private static final Set<String> LABEL_LIST_KEYWORDS =
            Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    /** Binary operators and modifiers spelled as words, and the float literals. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");
    /** Aggregation operators, which may be followed by "by (...)" before their "(". */
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    public PromQlNames {
        metrics = Set.copyOf(metrics);
        labels = Set.copyOf(labels);
    }

    /** Scans {@code expr}; fails naming the position when a string, brace or bracket is never closed. */
    public static PromQlNames of(String expr) {
        return new Scanner(expr).scan();
    }

    private static final class Scanner {
        private final String expr;
        private final Set<String> metrics = new TreeSet<>();
        private final Set<String> labels = new TreeSet<>();
        private int pos;

        Scanner(String expr) {
            this.expr = expr;
        }

        PromQlNames scan() {
            while (pos < expr.length()) {
                char c = expr.charAt(pos);
                if (c == '"' || c == '\'' || c == '`') {
                    skipString();
                } else if (c == '#') {
                    skipComment();
                } else if (c == '{') {
                    matchers();
                } else if (c == '[') {
                    skipPast(']');
                } else if (Character.isDigit(c) || (c == '.' && pos + 1 < expr.length()
                        && Character.isDigit(expr.charAt(pos + 1)))) {
                    skipNumber();
                } else if (isIdentifierStart(c)) {
                    identifier();
                } else {
                    pos++;
                }
            }
            return new PromQlNames(metrics, labels);
        }

        private void identifier() {
            String word = readIdentifier();
            String lower = word.toLowerCase(Locale.ROOT);
            char next = nextNonSpace();
            if (LABEL_LIST_KEYWORDS.contains(lower)) {
                if (next == '(') {
                    labelList();
                }
            } else if (KEYWORDS.contains(lower) || AGGREGATIONS.contains(lower) || next == '(') {
                // an operator, a function or an aggregation, not a series
            } else {
                metrics.add(word);
            }
        }

        /** {@code {a="x", b=~"y"}}: the names before each operator are labels. */
        private void matchers() {
            int open = pos++;
            while (true) {
                skipSpaces();
                if (pos >= expr.length()) {
                    throw unclosed('{', open);
                }
                char c = expr.charAt(pos);
                if (c == '}') {
                    pos++;
                    return;
                }
                if (c == '"' || c == '\'' || c == '`') {
                    skipString();
                } else if (isIdentifierStart(c)) {
                    String label = readIdentifier();
                    skipSpaces();
                    if ("__name__".equals(label)) {
                        metricNameMatcher();
                    } else {
                        labels.add(label);
                    }
                } else {
                    pos++;
                }
            }
        }

        /** {@code {__name__="metric"}} names a metric. */
        private void metricNameMatcher() {
            while (pos < expr.length() && "=!~ ".indexOf(expr.charAt(pos)) >= 0) {
                pos++;
            }
            if (pos < expr.length() && expr.charAt(pos) == '"') {
                int start = pos + 1;
                skipString();
                metrics.add(expr.substring(start, pos - 1));
            }
        }

        /** {@code by (a, b)}: every name is a label. */
        private void labelList() {
            int open = pos++;
            while (true) {
                skipSpaces();
                if (pos >= expr.length()) {
                    throw unclosed('(', open);
                }
                char c = expr.charAt(pos);
                if (c == ')') {
                    pos++;
                    return;
                }
                if (isIdentifierStart(c)) {
                    labels.add(readIdentifier());
                } else {
                    pos++;
                }
            }
        }

        private String readIdentifier() {
            int start = pos;
            while (pos < expr.length() && isIdentifierPart(expr.charAt(pos))) {
                pos++;
            }
            return expr.substring(start, pos);
        }

        /** Numbers (1, 0.99, 1e-9, 0x1f) and durations (5m, 1h30m). */
        private void skipNumber() {
            while (pos < expr.length()) {
                char c = expr.charAt(pos);
                if (Character.isLetterOrDigit(c) || c == '.') {
                    pos++;
                } else if ((c == '-' || c == '+') && (expr.charAt(pos - 1) == 'e' || expr.charAt(pos - 1) == 'E')) {
                    pos++;
                } else {
                    return;
                }
            }
        }

        private void skipString() {
            char quote = expr.charAt(pos);
            int open = pos++;
            while (pos < expr.length()) {
                char c = expr.charAt(pos++);
                if (c == '\\' && quote != '`') {
                    pos++;
                } else if (c == quote) {
                    return;
                }
            }
            throw unclosed(quote, open);
        }

        private void skipComment() {
            while (pos < expr.length() && expr.charAt(pos) != '\n') {
                pos++;
            }
        }

        private void skipPast(char close) {
            int open = pos;
            int end = expr.indexOf(close, pos);
            if (end < 0) {
                throw unclosed(expr.charAt(open), open);
            }
            pos = end + 1;
        }

        private void skipSpaces() {
            while (pos < expr.length() && Character.isWhitespace(expr.charAt(pos))) {
                pos++;
            }
        }

        private char nextNonSpace() {
            skipSpaces();
            return pos < expr.length() ? expr.charAt(pos) : '\0';
        }

        private IllegalArgumentException unclosed(char what, int at) {
            return new IllegalArgumentException("'" + what + "' at offset " + at + " is never closed in: " + expr);
        }

        private static boolean isIdentifierStart(char c) {
            return Character.isLetter(c) || c == '_' || c == ':';
        }

        private static boolean isIdentifierPart(char c) {
            return isIdentifierStart(c) || Character.isDigit(c);
        }
    }
}
