package io.fedgate.api.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every {@link Problem} found while reading one document, in reading order, so that a caller
 * sees all of them at once instead of fixing one per attempt.
 *
 * <p>At most {@link #DEFAULT_MAX_PROBLEMS} are kept; the rest are only counted, so that a large
 * document full of mistakes cannot make the error itself unbounded. Not thread-safe: one per read.
 */
public final class Problems {
    /** How many problems are kept with their path and message; further ones are only counted. */
    public static final int DEFAULT_MAX_PROBLEMS = 100;

    private final List<Problem> kept = new ArrayList<>();
    private int count;

    /** Records that the field at {@code path} is wrong as {@code message} says. */
    public void add(String path, String message) {
        count++;
        if (kept.size() < DEFAULT_MAX_PROBLEMS) {
            kept.add(new Problem(path, message));
        }
    }

    /** How many problems were recorded, kept or not. */
    public int count() {
        return count;
    }

    /** True while nothing is wrong. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** The kept problems, in the order they were found. */
    public List<Problem> list() {
        return List.copyOf(kept);
    }

    /**
     * Throws when anything was recorded.
     *
     * @param document what was read, for the message ({@code ClusterInventory}, {@code topology})
     * @throws InvalidDocumentException listing every problem
     */
    public void throwIfAny(String document) {
        if (count > 0) {
            throw new InvalidDocumentException(document, list(), count - kept.size());
        }
    }
}
