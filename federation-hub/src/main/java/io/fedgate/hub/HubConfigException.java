package io.fedgate.hub;

import io.fedgate.api.codec.Problem;
import java.util.List;

/**
 * The hub's config file cannot be used. The message names the file and lists every problem with its key
 * ({@code api.port: 70000 is not a port (1..65535)}).
 */
public final class HubConfigException extends RuntimeException {
    private final transient List<Problem> problems;

    /** A config refused for {@code problems}. */
    public HubConfigException(String message, List<Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, each naming its key. */
    public List<Problem> problems() {
        return problems;
    }
}
