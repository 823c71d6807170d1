package io.fedgate.agent.testing;

import io.fedgate.agent.spi.HubEvents;
import io.fedgate.agent.spi.HubLink;
import io.fedgate.agent.spi.HubLinkException;
import io.fedgate.agent.spi.PlanWatch;
import io.fedgate.agent.spi.SendResult;
import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.InventoryDelta;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A {@link HubLink} for tests of the agent's own behaviour (the real hub is exercised with real agents in the
 * cli module's MultiClusterAgentIT): it accepts everything unless told otherwise and records what it accepted.
 * Its plan watch delivers only the plans a test {@link #publish}es; with {@code connectWatches} it reports itself connected at once, so the agent
 * sends its inventory.
 */
public final class RecordingHubLink implements HubLink {
    private final boolean connectWatches;
    private final List<Object> sent = new ArrayList<>();
    private final Deque<SendResult> answers = new ArrayDeque<>();
    private boolean failNext;

    private volatile String clusterSet;

    /** Says the hub serves {@code name} (null: unknown, as a link without a join says). */
    public RecordingHubLink withClusterSet(String name) {
        clusterSet = name;
        return this;
    }

    @Override
    public String clusterSet() {
        return clusterSet;
    }

    public RecordingHubLink(boolean connectWatches) {
        this.connectWatches = connectWatches;
    }

    @Override
    public SendResult sendSnapshot(ClusterInventory inventory) throws HubLinkException {
        return answer(inventory, inventory.generation());
    }

    @Override
    public SendResult sendDelta(InventoryDelta delta) throws HubLinkException {
        return answer(delta, delta.generation());
    }

    private synchronized SendResult answer(Object what, long generation) throws HubLinkException {
        if (failNext) {
            failNext = false;
            throw new HubLinkException("connection refused");
        }
        sent.add(what);
        return answers.isEmpty() ? SendResult.accepted(generation) : answers.poll();
    }

    @Override
    public void heartbeat() {
    }

    private volatile HubEvents events;

    @Override
    public PlanWatch watchPlans(long fromVersion, HubEvents watcher) {
        events = watcher;
        if (connectWatches) {
            watcher.connected();
        }
        return () -> { };
    }

    /** Delivers {@code plan} on the open plan watch, as the hub would. */
    public void publish(io.fedgate.api.model.ClusterPlan plan) {
        HubEvents watcher = events;
        if (watcher == null) {
            throw new IllegalStateException("no plan watch is open yet");
        }
        watcher.planReceived(plan);
    }

    /** Every snapshot and delta accepted, oldest first. */
    public synchronized List<Object> sent() {
        return List.copyOf(sent);
    }

    /** The next send gets {@code answer} instead of being accepted. */
    public synchronized void answerNext(SendResult answer) {
        answers.add(answer);
    }

    /** The next send throws as if the hub could not be reached. */
    public synchronized void failNext() {
        failNext = true;
    }
}
