package io.fedgate.hubclient.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.hubclient.GenerationConflictException;
import io.fedgate.hubclient.HubRequestException;
import io.fedgate.hubclient.protocol.ApiError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Turns an error response into the exception that says what the hub refused and why. */
public final class ApiErrors {
    private static final int CONFLICT = 409;
    private static final int MAX_SHOWN_BODY = 512;

    private ApiErrors() {
    }

    /**
     * The exception for a hub's error answer to {@code call}: a {@link GenerationConflictException} for 409,
     * a {@link HubRequestException} otherwise. A body that is not an {@link ApiError} is quoted (shortened).
     */
    public static HubRequestException toException(ObjectMapper mapper, String call, int status, byte[] body) {
        ApiError error;
        try {
            error = mapper.readValue(body, ApiError.class);
            if (error.message() == null) {
                error = ApiError.of(status, "HTTP" + status, text(body));
            }
        } catch (IOException e) {
            error = ApiError.of(status, "HTTP" + status, text(body));
        }
        return status == CONFLICT ? new GenerationConflictException(call, error) : new HubRequestException(call, error);
    }

    private static String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > MAX_SHOWN_BODY ? text.substring(0, MAX_SHOWN_BODY) + "..." : text;
    }
}
