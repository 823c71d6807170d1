package io.fedgate.api.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the repository's {@code topology-examples/} from a module's test working directory. */
public final class TopologyExamples {
    private TopologyExamples() {
    }

    /** The examples folder: {@code ../topology-examples} from the module directory Maven runs tests in. */
    public static Path folder() {
        Path folder = Path.of("..", "topology-examples").toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("no topology-examples folder at " + folder);
        }
        return folder;
    }

    /** One example by file name. */
    public static Path file(String name) {
        return folder().resolve(name);
    }

    /** Every {@code *.yaml} example, sorted by name. */
    public static List<Path> all() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
