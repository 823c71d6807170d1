package io.fedgate.agent.testing;

import io.fedgate.agent.spi.AvailabilityZoneProgrammer;
import io.fedgate.api.model.InterconnectPlan;
import java.util.ArrayList;
import java.util.List;

/** Records every call instead of programming an OVN NB. */
public final class RecordingZoneProgrammer implements AvailabilityZoneProgrammer {
    /** One call. */
    public record Call(String availabilityZone, InterconnectPlan plan) {
    }

    private final List<Call> calls = new ArrayList<>();

    @Override
    public synchronized void program(String availabilityZone, InterconnectPlan plan) {
        calls.add(new Call(availabilityZone, plan));
    }

    /** Every call so far, oldest first. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }
}
