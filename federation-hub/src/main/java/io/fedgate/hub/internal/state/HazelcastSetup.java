package io.fedgate.hub.internal.state;

import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.YamlConfigBuilder;
import io.fedgate.hub.HubConfig;
import io.fedgate.hub.internal.sealing.SealedMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

/**
 * The embedded Hazelcast member's configuration: the operator's Hazelcast YAML file when {@code
 * hazelcastConfig} names one (the chart's, with Kubernetes DNS discovery), otherwise TCP-IP join with the
 * configured member list, bound to the configured interface, multicast and auto-detection off. Either way
 * fedgate's maps and ring buffers are added ({@link HubState#configure}), Hazelcast logs through SLF4J, does
 * not phone home, and leaves shutdown to the hub (which stops serving first, then leaves gracefully), and
 * members Java-deserialize only an allow-list of classes ({@link #javaSerializationFilter}).
 */
public final class HazelcastSetup {
    private HazelcastSetup() {
    }

    /**
     * The member configuration for {@code hub}.
     *
     * @throws IOException when the Hazelcast YAML file cannot be read
     */
    public static Config config(HubConfig hub) throws IOException {
        Config config;
        if (hub.hazelcastConfig() != null) {
            try (InputStream in = Files.newInputStream(hub.hazelcastConfig())) {
                config = new YamlConfigBuilder(in).build();
            }
        } else {
            config = tcpIp(hub.hazelcast());
        }
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        if (hub.hazelcast() != null) {
            hub.hazelcast().properties().forEach(config::setProperty);
        }
        HubState.configure(config, hub.planning().historySize());
        config.getSerializationConfig().setJavaSerializationFilterConfig(javaSerializationFilter());
        return config;
    }

    /**
     * The only classes a member resolves when Hazelcast hands it Java-serialized bytes, whoever sent them (any
     * client or member on the Hazelcast network can): a class outside it is refused before any of its code
     * (readObject, readResolve) runs. Values and keys are byte[] envelopes, Strings and Longs, which Hazelcast
     * serializes natively, so what members send each other as Java objects is little: the sealed-map entry
     * processor with what it reads ({@link SealedMap#OWNER_READ_CLASS}, {@link InventoryGeneration}, and the
     * class of the value, one of this package's records), Hazelcast's own classes, and the exceptions an
     * operation may throw back ({@code java.lang}, {@code java.util} and {@code java.util.concurrent} only, not
     * their subpackages, with stack traces). Hazelcast's default list (everything under {@code java}) is off.
     */
    public static JavaSerializationFilterConfig javaSerializationFilter() {
        ClassFilter allowed = new ClassFilter()
                .addClasses(SealedMap.OWNER_READ_CLASS, InventoryGeneration.class.getName(),
                        StackTraceElement[].class.getName())
                .addPackages(HubState.class.getPackageName(), "java.lang", "java.util", "java.util.concurrent")
                .addPrefixes("com.hazelcast.");
        return new JavaSerializationFilterConfig().setDefaultsDisabled(true).setWhitelist(allowed);
    }

    private static Config tcpIp(HubConfig.Hazelcast member) {
        Config config = new Config();
        config.setClusterName(member.clusterName());
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(member.port()).setPortAutoIncrement(false);
        if (!"0.0.0.0".equals(member.host())) {
            network.getInterfaces().setEnabled(true).addInterface(member.host());
            config.setProperty("hazelcast.socket.bind.any", "false");
        }
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(member.members());
        return config;
    }
}
