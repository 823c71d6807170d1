package io.fedgate.gateway.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Records the formatted log lines of the {@code io.fedgate.gateway} loggers while attached. */
public final class RecordingAppender extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.fedgate.gateway");

    private RecordingAppender() {
    }

    /** Starts recording. */
    public static RecordingAppender attach() {
        RecordingAppender appender = new RecordingAppender();
        appender.start();
        appender.logger.addAppender(appender);
        return appender;
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(event.getLevel() + " " + event.getFormattedMessage());
    }

    /** Every line recorded so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** True when a recorded line contains every one of {@code parts}. */
    public boolean anyLineContains(String... parts) {
        return lines.stream().anyMatch(l -> java.util.Arrays.stream(parts).allMatch(l::contains));
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
