package io.fedgate.hubclient;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Go and Kubernetes write them ({@code 24h}, {@code 90m}, {@code 1h30m}, {@code 500ms}), used by
 * the hub's config file and by {@code fedgate ctl} flags; a bare {@code d} for days is accepted too.
 */
public final class GoDuration {
    /** Longest duration text accepted. */
    public static final int MAX_LENGTH = 64;
    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private GoDuration() {
    }

    /** What is wrong with {@code text} as a duration, naming it, or null when it parses. */
    public static String problem(String text) {
        if (text == null || text.length() > MAX_LENGTH || !WHOLE.matcher(text.toLowerCase(Locale.ROOT)).matches()) {
            return "\"" + text + "\" is not a duration like 30s, 15m, 24h or 1h30m";
        }
        try {
            parse(text);
            return null;
        } catch (ArithmeticException | NumberFormatException e) {
            return "\"" + text + "\" is too long a duration";
        }
    }

    /**
     * The duration {@code text} names.
     *
     * @throws IllegalArgumentException quoting the text when it is not a duration
     */
    public static Duration parse(String text) {
        if (text == null || text.length() > MAX_LENGTH || !WHOLE.matcher(text.toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration like 30s, 15m, 24h or 1h30m");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text.toLowerCase(Locale.ROOT));
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        return total;
    }

    /** {@code duration} in the shortest exact form: {@code 24h}, {@code 1h30m}, {@code 500ms}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long hours = duration.toHours();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            text.append(duration.toSecondsPart()).append('s');
        }
        if (duration.toMillisPart() > 0) {
            text.append(duration.toMillisPart()).append("ms");
        }
        return text.toString();
    }
}
