package io.fedgate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** The {@code --log-level} flag every long-running command shares: checked at the door, then applied. */
public final class LogLevels {
    /** The levels {@code --log-level} accepts. */
    public static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");

    private LogLevels() {
    }

    /** @throws UserInputException naming the flag and the value when {@code level} is not one of {@link #LEVELS} */
    public static void require(String level) {
        if (!LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
            throw new UserInputException("--log-level: \"" + level + "\" is not one of " + String.join(", ", LEVELS));
        }
    }

    /** Checks {@code level} and sets the {@code io.fedgate} loggers to it. */
    public static void apply(String level) {
        require(level);
        if (LoggerFactory.getLogger("io.fedgate") instanceof Logger logback) {
            logback.setLevel(Level.toLevel(level.toUpperCase(Locale.ROOT)));
        }
    }
}
