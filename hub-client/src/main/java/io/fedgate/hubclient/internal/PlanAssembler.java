package io.fedgate.hubclient.internal;

import io.fedgate.api.codec.ModelReaders;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.PlanDelta;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.hubclient.protocol.PlanEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Turns the events of a plan watch back into whole {@link ClusterPlan}s: a {@code RESYNC} replaces the plan,
 * a {@code DELTA} is applied to the plan at the version before it, and {@code IMPORTS} lines complete the
 * event before them. A plan is returned only once its version is complete. Pure apart from the interner;
 * used by one watch thread.
 */
final class PlanAssembler {
    private static final Comparator<ServiceImport> BY_SERVICE = Comparator.comparing(ServiceImport::service);

    private final UnaryOperator<ServiceImport> interner;
    private ClusterPlan current;
    private PlanEvent open;
    private List<ServiceImport> more = new ArrayList<>();

    /** @param interner applied to every import received (identity for none) */
    PlanAssembler(UnaryOperator<ServiceImport> interner) {
        this.interner = interner;
    }

    /** The last whole plan, null before the first. */
    ClusterPlan current() {
        return current;
    }

    /** Forgets a version half received (the stream broke); the plan held stays. */
    void abandonPartial() {
        open = null;
        more = new ArrayList<>();
    }

    /**
     * Takes one event carrying plan content.
     *
     * @return the plan at the event's version when this event completes it, else null
     * @throws PlanStreamException when the events do not fit together (the stream is then reopened)
     */
    ClusterPlan accept(PlanEvent event) throws PlanStreamException {
        if (PlanEvent.IMPORTS.equals(event.type())) {
            if (open == null || open.version() != event.version() || open.remaining() != event.remaining() + 1) {
                throw new PlanStreamException("IMPORTS line for version " + event.version()
                        + " does not continue a RESYNC or DELTA of that version");
            }
            if (more.size() + event.imports().size() > ModelReaders.DEFAULT_MAX_PLAN_IMPORTS) {
                throw new PlanStreamException("version " + event.version() + " carries more than "
                        + ModelReaders.DEFAULT_MAX_PLAN_IMPORTS + " imports");
            }
            event.imports().forEach(i -> more.add(interner.apply(i)));
            open = new PlanEvent(open.type(), open.version(), open.plan(), open.delta(), List.of(), event.remaining());
        } else {
            if (open != null) {
                throw new PlanStreamException("version " + open.version() + " was not complete when "
                        + event.type() + " " + event.version() + " arrived");
            }
            open = event;
            more = new ArrayList<>();
        }
        if (open.remaining() > 0) {
            return null;
        }
        PlanEvent complete = open;
        List<ServiceImport> extra = more;
        abandonPartial();
        current = complete.delta() != null ? applied(complete.delta().withMoreUpserts(extra)) : whole(complete.plan(), extra);
        return current;
    }

    private ClusterPlan whole(ClusterPlan plan, List<ServiceImport> extra) {
        List<ServiceImport> imports = new ArrayList<>(plan.imports().size() + extra.size());
        plan.imports().forEach(i -> imports.add(interner.apply(i)));
        imports.addAll(extra);
        imports.sort(BY_SERVICE);
        for (int i = 1; i < imports.size(); i++) {
            if (imports.get(i - 1).service().equals(imports.get(i).service())) {
                throw new PlanStreamException("plan version " + plan.version() + " imports "
                        + imports.get(i).service() + " twice");
            }
        }
        return new ClusterPlan(plan.clusterId(), plan.version(), imports, plan.exportStatus(), plan.interconnect(),
                plan.gatewayPeers());
    }

    private ClusterPlan applied(PlanDelta delta) {
        if (current == null || current.version() != delta.version() - 1) {
            throw new PlanStreamException("DELTA to version " + delta.version() + " does not follow the plan held ("
                    + (current == null ? "none" : "version " + current.version()) + ")");
        }
        List<ServiceImport> upserts = new ArrayList<>(delta.upserts().size());
        delta.upserts().forEach(i -> upserts.add(interner.apply(i)));
        return new PlanDelta(delta.clusterId(), delta.version(), upserts, delta.removals(), delta.exportStatus(),
                delta.interconnect(), delta.gatewayPeers()).applyTo(current);
    }

    /** Events that do not fit together: a protocol error of the hub, answered by reopening the stream. */
    static final class PlanStreamException extends RuntimeException {
        PlanStreamException(String message) {
            super(message);
        }
    }
}
