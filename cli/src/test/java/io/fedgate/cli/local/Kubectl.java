package io.fedgate.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real kubectl binary, run against a simulated cluster's kubeconfig and nothing of the person's own setup: no
 * proxy, no {@code KUBECONFIG}, {@code HOME} and the discovery cache in a test's work directory.
 */
final class Kubectl {
    private static final long TIMEOUT_SECONDS = 30;

    private final Path binary;
    private final Path workDir;

    private Kubectl(Path binary, Path workDir) {
        this.binary = binary;
        this.workDir = workDir;
    }

    /** {@code /usr/bin/kubectl}, else the first kubectl on {@code PATH}; empty when there is none. */
    static Optional<Kubectl> find(Path workDir) {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "kubectl"));
        return Stream.concat(Stream.of(Path.of("/usr/bin/kubectl")), onPath).filter(Files::isExecutable).findFirst()
                .map(binary -> new Kubectl(binary, workDir));
    }

    /** Runs {@code kubectl --kubeconfig <kubeconfig> <args>}; fails when it does not end within 30 s. */
    Result run(Path kubeconfig, String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", workDir.resolve("kube-cache").toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(workDir, "kubectl", ".out");
            Path err = Files.createTempFile(workDir, "kubectl", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            // loopback only: no proxy, and nothing from the person's own kubectl setup
            Stream.of("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy", "KUBECONFIG")
                    .forEach(env::remove);
            env.put("HOME", workDir.toString());
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(command, process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + String.join(" ", command), e);
        }
    }

    /** One run: the command line, its exit code and its output. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** The standard output; fails with the command, its exit code and its standard error otherwise. */
        String assertSucceeded() {
            assertThat(exitCode).as("%s exited with %d; stderr: %s; stdout: %s", String.join(" ", command), exitCode,
                    stderr, stdout).isZero();
            return stdout;
        }
    }
}
