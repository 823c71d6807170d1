package io.fedgate.hub.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Hysteresis between what interconnection reports per cluster pair ({@link RouteHealth#observe}) and which
 * pairs the planner holds on the gateway path, so that a flapping {@code ovn-ic} does not move clients back
 * and forth. An immutable value; {@link #next} is a pure function of it, the observations and the time.
 *
 * <ul>
 *   <li>A pair whose routes are not in place is held on gateways once they have been missing for
 *       {@link Settings#downAfter()} (default 0: at once, since routed traffic to it already fails).</li>
 *   <li>A held pair goes back to routed only after its routes have been in place without a break for
 *       {@link Settings#upAfter()} (default {@value #DEFAULT_UP_AFTER_SECONDS} s); every break restarts that
 *       wait, so a daemon flapping faster than that keeps the pair on gateways.</li>
 *   <li>A pair seen for the first time (hub start, new cluster) takes its observation as it is: a hub restart
 *       does not move healthy pairs off the routed path.</li>
 *   <li>A pair no longer observed (a side stopped reporting, left the set) is forgotten.</li>
 * </ul>
 *
 * @param pairs every observed pair's state
 */
public record RoutedPathGate(SortedMap<ClusterPair, PairState> pairs) {
    /** Default hold before a healthy pair returns to the routed path. */
    public static final long DEFAULT_UP_AFTER_SECONDS = 10;
    /** No pair observed yet. */
    public static final RoutedPathGate EMPTY = new RoutedPathGate(new TreeMap<>());

    public RoutedPathGate {
        pairs = Collections.unmodifiableSortedMap(new TreeMap<>(pairs));
    }

    /**
     * How long a change of the observation must last before the decision follows it.
     *
     * @throws PlanningException when a duration is null or negative
     */
    public record Settings(Duration downAfter, Duration upAfter) {
        /** Down at once, up after {@value RoutedPathGate#DEFAULT_UP_AFTER_SECONDS} s in place. */
        public static final Settings DEFAULT = new Settings(Duration.ZERO, Duration.ofSeconds(DEFAULT_UP_AFTER_SECONDS));

        public Settings {
            if (downAfter == null || downAfter.isNegative()) {
                throw new PlanningException("downAfter: " + downAfter + " must be >= 0");
            }
            if (upAfter == null || upAfter.isNegative()) {
                throw new PlanningException("upAfter: " + upAfter + " must be >= 0");
            }
        }
    }

    /**
     * One pair.
     *
     * @param inPlace        the last observation
     * @param observedSince  when the observation last changed (or was first made)
     * @param heldOnGateway  the decision: true while the pair is planned through gateways
     */
    public record PairState(boolean inPlace, Instant observedSince, boolean heldOnGateway) {
    }

    /** The gate after {@code observed} at {@code now}. */
    public RoutedPathGate next(Map<ClusterPair, Boolean> observed, Instant now, Settings settings) {
        SortedMap<ClusterPair, PairState> out = new TreeMap<>();
        observed.forEach((pair, inPlace) -> {
            PairState before = pairs.get(pair);
            if (before == null) {
                out.put(pair, new PairState(inPlace, now, !inPlace && settings.downAfter().isZero()));
                return;
            }
            Instant since = before.inPlace() == inPlace ? before.observedSince() : now;
            boolean held = before.heldOnGateway();
            Duration lasted = Duration.between(since, now);
            if (!held && !inPlace && lasted.compareTo(settings.downAfter()) >= 0) {
                held = true;
            } else if (held && inPlace && lasted.compareTo(settings.upAfter()) >= 0) {
                held = false;
            }
            out.put(pair, new PairState(inPlace, since, held));
        });
        return new RoutedPathGate(out);
    }

    /** The pairs held on the gateway path. */
    public Set<ClusterPair> held() {
        Set<ClusterPair> out = new TreeSet<>();
        pairs.forEach((pair, s) -> {
            if (s.heldOnGateway()) {
                out.add(pair);
            }
        });
        return Collections.unmodifiableSet(out);
    }

    /**
     * When the next decision would change if observations stay as they are, so the caller can look again
     * then; empty when no change is pending.
     */
    public Optional<Instant> nextChange(Settings settings) {
        Instant first = null;
        for (PairState s : pairs.values()) {
            Instant at = null;
            if (s.heldOnGateway() && s.inPlace()) {
                at = s.observedSince().plus(settings.upAfter());
            } else if (!s.heldOnGateway() && !s.inPlace()) {
                at = s.observedSince().plus(settings.downAfter());
            }
            if (at != null && (first == null || at.isBefore(first))) {
                first = at;
            }
        }
        return Optional.ofNullable(first);
    }
}
