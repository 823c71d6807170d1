package io.fedgate.api.codec;

/**
 * The whole numbers a field accepts. With a {@code noun} a problem reads
 * {@code 70000 is not a port (1..65535)}; without one, {@code -1 must be >= 0}.
 *
 * @param noun what the number is, with its article ({@code "a port"}), or null
 */
public record Range(String noun, long min, long max) {
    /** TCP/UDP/SCTP port a service or listener uses. */
    public static final Range PORT = new Range("a port", 1, 65535);
    /** Relative traffic share of a serving cluster under weighted load balancing. */
    public static final Range WEIGHT = new Range("a weight", 0, 1000);
    /** Generations, versions: any long from 0. */
    public static final Range NON_NEGATIVE = new Range(null, 0, Long.MAX_VALUE);
    /** Kubernetes' bounds of {@code sessionAffinityConfig.clientIP.timeoutSeconds}. */
    public static final Range SESSION_AFFINITY_TIMEOUT = new Range("a session affinity timeout in seconds", 1, 86400);
    /** Priorities and counts held in an int: 0 to {@link Integer#MAX_VALUE}. */
    public static final Range NON_NEGATIVE_INT = new Range(null, 0, Integer.MAX_VALUE);

    public Range {
        if (min > max) {
            throw new IllegalArgumentException("range min (" + min + ") must be <= max (" + max + ")");
        }
    }

    /** True when {@code value} is in the range. */
    public boolean contains(long value) {
        return value >= min && value <= max;
    }

    /** True when every value of the range fits in an int. */
    public boolean fitsInt() {
        return min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE;
    }

    /**
     * The message for a number outside the range, {@code shown} as written in the document (it may not
     * fit in a long).
     *
     * @param belowMin true when the number is under {@link #min}, false when it is over {@link #max}
     */
    public String problem(String shown, boolean belowMin) {
        if (noun != null) {
            return shown + " is not " + noun + " (" + min + ".." + max + ")";
        }
        return belowMin ? shown + " must be >= " + min : shown + " must be <= " + max;
    }
}
