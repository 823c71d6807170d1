package io.fedgate.charts;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Debian's {@code promtool} and {@code prometheus} binaries, run as child processes. */
public final class Promtool {

    /** How long one promtool run may take before the test gives up on it. */
    static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofSeconds(60);

    private Promtool() {
    }

    /** The executable on PATH (or in /usr/bin, where Debian puts it), if installed. */
    public static Optional<Path> find(String name) {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, name));
            }
        }
        candidates.add(Path.of("/usr/bin", name));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** The outcome of one run: exit code and the combined stdout/stderr. */
    record Result(int exitCode, String output) {
    }

    /** Runs {@code promtool args...} in {@code workDir} and waits for it. */
    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        Path promtool = find("promtool").orElseThrow(() -> new IllegalStateException("promtool is not installed"));
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(workDir, "promtool", ".log");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(DEFAULT_RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + DEFAULT_RUN_TIMEOUT);
        }
        return new Result(process.exitValue(), Files.readString(log));
    }
}
