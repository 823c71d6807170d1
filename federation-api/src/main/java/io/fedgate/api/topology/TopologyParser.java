package io.fedgate.api.topology;

import io.fedgate.api.codec.DocumentCodec;
import io.fedgate.api.codec.FederationJson;
import io.fedgate.api.codec.InvalidDocumentException;
import io.fedgate.api.codec.UnknownFields;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads topology files (YAML). Reading is strict and all-or-nothing like the wire codecs, with the same
 * path-named problems ({@code clusters[2].podCIDRs[0]: "10.16.0.0/33" is not a CIDR (prefix length 33 > 32)}),
 * and stricter in one way: the file is written by hand, so an unknown key is most likely a typo and is
 * reported ({@code clusters[0].podCIDR: unknown field (did you mean podCIDRs?)}). Cross-references are
 * checked too: cluster ids and AZ names unique, services unique, exporters, consumers and failover orders
 * naming declared clusters, a service exported at most once per cluster.
 */
public final class TopologyParser {
    /** Largest topology file read: 1 MiB, far beyond any hand-written federation. */
    public static final int DEFAULT_MAX_TOPOLOGY_BYTES = 1024 * 1024;
    /** Most clusters in one topology. */
    public static final int DEFAULT_MAX_CLUSTERS = 256;
    /** Most services in one topology. */
    public static final int DEFAULT_MAX_SERVICES = 4096;
    /** Most fedgate gateway replicas per cluster. */
    public static final int DEFAULT_MAX_GATEWAY_REPLICAS = 16;
    /** Most synthetic endpoints one exporter asks for. */
    public static final int DEFAULT_MAX_ENDPOINTS_PER_EXPORTER = 1000;

    private static final DocumentCodec<Topology> CODEC =
            DocumentCodec.of("topology", fields -> new TopologyReader().topology(fields))
                    .withMapper(FederationJson.yamlMapper())
                    .withUnknownFields(UnknownFields.REPORT)
                    .withMaxDocumentBytes(DEFAULT_MAX_TOPOLOGY_BYTES);

    private TopologyParser() {
    }

    /**
     * Reads the topology file at {@code file}.
     *
     * @throws InvalidDocumentException listing every problem of the file
     * @throws IOException              when the file cannot be read (for example it does not exist)
     */
    public static Topology parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return CODEC.decode(in);
        }
    }

    /**
     * Reads a topology from YAML text.
     *
     * @throws InvalidDocumentException listing every problem
     */
    public static Topology parse(String yaml) {
        return CODEC.decode(yaml.getBytes(StandardCharsets.UTF_8));
    }
}
