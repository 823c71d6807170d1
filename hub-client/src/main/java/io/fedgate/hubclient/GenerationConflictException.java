package io.fedgate.hubclient;

import io.fedgate.hubclient.protocol.ApiError;

/**
 * The hub refused an inventory write because of its generation (409): a stale generation, or a delta whose
 * base is not what the hub holds. The agent's remedy is a full snapshot at a generation above
 * {@link #currentGeneration()}.
 */
public final class GenerationConflictException extends HubRequestException {
    /** The hub's 409 answer to {@code call}. */
    public GenerationConflictException(String call, ApiError error) {
        super(call, error);
    }

    /** The generation the hub holds, or null when it holds no inventory of the cluster. */
    public Long currentGeneration() {
        return error().currentGeneration();
    }
}
