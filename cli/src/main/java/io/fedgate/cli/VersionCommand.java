package io.fedgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code fedgate version}: the build's version and the Java runtime. */
@Command(name = "version", description = "Print fedgate's version and the Java runtime it runs on.",
        mixinStandardHelpOptions = true)
final class VersionCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("fedgate " + version());
        System.out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        return 0;
    }

    /** The version the build stamped into the jar. */
    static String version() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("/fedgate-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Lets {@code fedgate --version} print the same. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"fedgate " + version()};
        }
    }
}
