package io.fedgate.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kubeconfig files of the demo's simulated clusters, {@code DIR/<cluster-id>.kubeconfig}, so that kubectl can be
 * pointed at each. {@link #close()} removes only the files written here, and DIR itself only when it was created here
 * and nothing else has been put in it.
 */
final class DemoKubeconfigs implements AutoCloseable {
    private final Path dir;
    private final boolean createdDir;
    private final List<Path> written = new ArrayList<>();

    private DemoKubeconfigs(Path dir, boolean createdDir) {
        this.dir = dir;
        this.createdDir = createdDir;
    }

    /** Writes one kubeconfig per cluster into {@code dir}, creating it when missing. */
    static DemoKubeconfigs write(Path dir, List<SimulatedCluster> clusters) {
        Path absolute = dir.toAbsolutePath().normalize();
        boolean created = !Files.isDirectory(absolute);
        DemoKubeconfigs kubeconfigs = new DemoKubeconfigs(absolute, created);
        try {
            Files.createDirectories(absolute);
            for (SimulatedCluster cluster : clusters) {
                Path file = absolute.resolve(cluster.id() + ".kubeconfig");
                cluster.writeKubeconfig(file);
                kubeconfigs.written.add(file);
            }
            return kubeconfigs;
        } catch (IOException e) {
            kubeconfigs.close();
            throw new DemoException("--kubeconfig-dir " + dir + ": cannot write the clusters' kubeconfigs: "
                    + e.getMessage(), e);
        }
    }

    /** The directory, absolute. */
    Path dir() {
        return dir;
    }

    /** The files written, in cluster order. */
    synchronized List<Path> files() {
        return List.copyOf(written);
    }

    @Override
    public synchronized void close() {
        try {
            for (Path file : written) {
                Files.deleteIfExists(file);
            }
            written.clear();
            if (createdDir) {
                Files.deleteIfExists(dir);
            }
        } catch (DirectoryNotEmptyException e) {
            // someone put a file there while the demo ran: it stays, and so does the directory
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the demo's kubeconfigs in " + dir, e);
        }
    }
}
