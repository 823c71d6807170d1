package io.fedgate.hub.internal.api;

import io.fedgate.api.codec.InvalidDocumentException;
import io.fedgate.hubclient.protocol.ApiError;
import io.fedgate.hubclient.protocol.HubApi;
import java.util.List;

/**
 * A request the hub refuses; carries the {@link ApiError} the caller gets. Thrown anywhere in a request's
 * handling and turned into the response at the edge; nothing has been changed when it is thrown.
 */
public final class ApiException extends RuntimeException {
    private final transient ApiError error;

    private ApiException(ApiError error) {
        super(error.error() + ": " + error.message());
        this.error = error;
    }

    /** The error to answer. */
    public ApiError error() {
        return error;
    }

    /** 400: a malformed or invalid document, listing its problems with their paths. */
    public static ApiException invalidDocument(InvalidDocumentException invalid) {
        return new ApiException(new ApiError(400, "InvalidDocument", invalid.getMessage(), invalid.problems(), null,
                List.of()));
    }

    /** 400: a bad parameter or a document valid on its own but not here. */
    public static ApiException badRequest(String message) {
        return new ApiException(ApiError.of(400, "BadRequest", message));
    }

    /** 401: no verified identity (no, expired or foreign certificate) or an unusable join token. */
    public static ApiException unauthenticated(String message) {
        return new ApiException(ApiError.of(401, "Unauthenticated", message));
    }

    /** 403: the caller's identity may not do this. */
    public static ApiException forbidden(String message) {
        return new ApiException(ApiError.of(403, "Forbidden", message));
    }

    /** 404: no such resource. */
    public static ApiException notFound(String message) {
        return new ApiException(ApiError.of(404, "NotFound", message));
    }

    /** 404: a path under an API version this hub does not serve, or under none; {@code versions} lists those served. */
    public static ApiException unknownVersion(String problem) {
        return new ApiException(new ApiError(404, "UnknownApiVersion", problem + "; this hub serves "
                + String.join(", ", HubApi.VERSIONS), List.of(), null, HubApi.VERSIONS));
    }

    /** 409: an inventory write refused for its generation. */
    public static ApiException generationConflict(String message, Long currentGeneration) {
        return new ApiException(new ApiError(409, "GenerationConflict", message, List.of(), currentGeneration,
                List.of()));
    }

    /** Any other status. */
    public static ApiException of(int status, String error, String message) {
        return new ApiException(ApiError.of(status, error, message));
    }
}
