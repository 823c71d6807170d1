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

    /**
     * Edit distance counting an insertion, deletion, substitution or swap of neighbours as one edit
     * (optimal string alignment), so {@code wset} is one edit from {@code west}. Names are short: they are
     * bounded by the parser's name limit.
     */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
