package io.fedgate.hub.internal.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.internal.serialization.SerializationClassNameFilter;
import io.fedgate.hub.HubConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import io.fedgate.hub.internal.sealing.SealedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HazelcastSetupTest {
    @TempDir
    Path tmp;

    /** The hazelcast.yaml charts/fedgate-hub/templates/configmap.yaml renders for release fedgate-hub. */
    private static final String CHART_HAZELCAST_YAML = """
            hazelcast:
              cluster-name: fedgate-hub
              network:
                port:
                  port: 5701
                  auto-increment: false
                join:
                  auto-detection:
                    enabled: false
                  multicast:
                    enabled: false
                  kubernetes:
                    enabled: true
                    service-dns: fedgate-hub-members.fedgate-system.svc.cluster.local
                    service-dns-timeout: 10
              properties:
                hazelcast.shutdownhook.policy: GRACEFUL
                hazelcast.graceful.shutdown.max.wait: "60"
                hazelcast.logging.type: slf4j
                hazelcast.phone.home.enabled: "false"
            """;

    @Test
    void chartsHazelcastFileKeepsItsKubernetesDiscoveryAndGetsFedgatesStructures() throws Exception {
        Path hazelcastYaml = Files.writeString(tmp.resolve("hazelcast.yaml"), CHART_HAZELCAST_YAML);
        HubConfig hub = HubConfig.parse(("clusterSet: set\ndataDir: data\nhazelcastConfig: hazelcast.yaml\n"
                + "planning: {historySize: 12}\nsealing: {keyFile: keys}\n").getBytes(UTF_8), tmp, "hub.yaml");

        Config config = HazelcastSetup.config(hub);

        assertThat(config.getNetworkConfig().getJoin().getKubernetesConfig().isEnabled()).isTrue();
        assertThat(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
        assertThat(config.getClusterName()).isEqualTo("fedgate-hub");
        assertThat(config.getProperty("hazelcast.logging.type")).isEqualTo("slf4j");
        assertThat(config.getProperty("hazelcast.graceful.shutdown.max.wait")).isEqualTo("60");
        assertThat(config.getMapConfig(HubState.INVENTORIES).getBackupCount()).isEqualTo(1);
        assertThat(config.getMapConfig(HubState.INVENTORIES).getAsyncBackupCount()).isZero();
        assertThat(config.getRingbufferConfig(HubState.PLAN_HISTORY_PREFIX + "east").getCapacity()).isEqualTo(12);
        assertThat(config.getRingbufferConfig(HubState.PLAN_HISTORY_PREFIX + "east").getBackupCount()).isEqualTo(1);
    }

    @Test
    void withoutAFileMembersJoinByTcpIpOnTheConfiguredInterface() throws Exception {
        HubConfig hub = HubConfig.parse(("clusterSet: set\ndataDir: data\nhazelcast: {clusterName: hub-a, host: "
                + "127.0.0.1, port: 5801, members: [\"127.0.0.1:5801\", \"127.0.0.1:5802\"]}\nsealing: {keyFile: keys}\n").getBytes(UTF_8),
                tmp, "hub.yaml");

        Config config = HazelcastSetup.config(hub);

        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .containsExactly("127.0.0.1:5801", "127.0.0.1:5802");
        assertThat(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getJoin().getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(5801);
    }

    @Test
    void membersJavaDeserializeOnlyTheSealedMapsProcessorHazelcastAndJdkBasics() throws Exception {
        HubConfig hub = HubConfig.parse("clusterSet: set\ndataDir: data\nsealing: {keyFile: keys}\n".getBytes(UTF_8),
                tmp, "hub.yaml");
        SerializationClassNameFilter filter = new SerializationClassNameFilter(HazelcastSetup.config(hub)
                .getSerializationConfig().getJavaSerializationFilterConfig());

        for (String allowed : new String[] {SealedMap.OWNER_READ_CLASS, InventoryGeneration.class.getName(),
                StoredInventory.class.getName(), IllegalStateException.class.getName(), "java.util.Collections$EmptyList",
                StackTraceElement[].class.getName(), "com.hazelcast.core.HazelcastException"}) {
            assertThatCode(() -> filter.filter(allowed)).as(allowed).doesNotThrowAnyException();
        }
        for (String refused : new String[] {"javax.management.BadAttributeValueExpException",
                "java.lang.invoke.SerializedLambda", "java.util.logging.Level", "io.fedgate.hub.internal.api.Anything",
                "org.apache.commons.collections.functors.InvokerTransformer", "[Lorg.example.Gadget;"}) {
            assertThatThrownBy(() -> filter.filter(refused)).as(refused).isInstanceOf(SecurityException.class);
        }
    }
}
