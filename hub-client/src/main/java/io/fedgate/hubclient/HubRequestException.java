package io.fedgate.hubclient;

import io.fedgate.hubclient.protocol.ApiError;

/**
 * A hub member answered a call with an error status. {@link #error()} carries the hub's explanation: the
 * status, the domain reason ({@code Forbidden}, {@code InvalidDocument}, ...) and a message naming the value.
 */
public class HubRequestException extends HubClientException {
    private final transient ApiError error;

    /** The hub's answer {@code error} to {@code call} ({@code PUT /v1/clusters/east/inventory}). */
    public HubRequestException(String call, ApiError error) {
        super(call + ": " + error.status() + " " + error.error() + ": " + error.message());
        this.error = error;
    }

    /** The HTTP status. */
    public int status() {
        return error.status();
    }

    /** The hub's explanation. */
    public ApiError error() {
        return error;
    }
}
