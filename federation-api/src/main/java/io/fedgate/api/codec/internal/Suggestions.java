package io.fedgate.api.codec.internal;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean ...?": the known name closest to a misspelt one, when it is close enough to help. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate closest to {@code typo} by edit distance (ignoring case), or null when none is within
     * a third of the name's length (at least one edit), so unrelated names are not suggested.
     */
    public static String closest(String typo, Collection<String> candidates) {
        String wanted = typo.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(1, wanted.length() / 3);
        return bestDistance <= allowed ? best : null;
    }

    /** Levenshtein distance; names are short (bounded by the parser's name limit). */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
