package io.fedgate.hubclient.protocol;

import io.fedgate.api.codec.Problem;
import java.util.List;

/**
 * Every error the hub answers: the HTTP status, a short error name and a message saying what, where and
 * which value ({@code spiffe://set/cluster/east/agent may not write the inventory of cluster west}).
 *
 * @param status            the HTTP status
 * @param error             the domain reason, e.g. {@code Forbidden}, {@code StaleGeneration}, {@code InvalidDocument}
 * @param message           the explanation
 * @param problems          for invalid documents, every problem with its field path; else empty
 * @param currentGeneration for inventory conflicts, the generation the hub holds (null when it holds none)
 * @param versions          for an unknown API version, the versions served; else empty
 */
public record ApiError(int status, String error, String message, List<Problem> problems, Long currentGeneration,
                       List<String> versions) {
    public ApiError {
        problems = problems == null ? List.of() : List.copyOf(problems);
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    /** An error with a message only. */
    public static ApiError of(int status, String error, String message) {
        return new ApiError(status, error, message, List.of(), null, List.of());
    }
}
