package io.fedgate.gateway.internal.routing;

import io.fedgate.api.model.GatewayListenerPorts.Listener;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changes between the listeners bound now and the ones a new plan asks for: listeners to open, and
 * listeners to close (gone from the plan, or moved to another port). Listeners on the same port stay
 * untouched, and so do their flows.
 *
 * @param toOpen  listener and port to bind
 * @param toClose listeners to unbind
 */
public record ListenerDiff(Map<Listener, Integer> toOpen, Set<Listener> toClose) {
    public ListenerDiff {
        toOpen = Map.copyOf(toOpen);
        toClose = Set.copyOf(toClose);
    }

    /** The changes from {@code bound} to {@code desired} (listener to port each). */
    public static ListenerDiff between(Map<Listener, Integer> bound, Map<Listener, Integer> desired) {
        Map<Listener, Integer> open = new TreeMap<>();
        Set<Listener> close = new TreeSet<>();
        for (Map.Entry<Listener, Integer> e : desired.entrySet()) {
            Integer now = bound.get(e.getKey());
            if (!Objects.equals(now, e.getValue())) {
                open.put(e.getKey(), e.getValue());
                if (now != null) {
                    close.add(e.getKey());
                }
            }
        }
        for (Listener l : bound.keySet()) {
            if (!desired.containsKey(l)) {
                close.add(l);
            }
        }
        return new ListenerDiff(open, close);
    }

    /** True when nothing changes. */
    public boolean isEmpty() {
        return toOpen.isEmpty() && toClose.isEmpty();
    }
}
