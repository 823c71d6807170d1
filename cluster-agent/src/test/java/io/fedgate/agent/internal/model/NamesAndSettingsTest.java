package io.fedgate.agent.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.GatewayListenerPorts.RemoteEndpoint;
import io.fedgate.api.model.LoadBalancing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamesAndSettingsTest {

    @Test
    void derivedServiceNameIsPrefixedAndHashedWhenTooLong() {
        String longName = "a".repeat(60);

        assertThat(McsNames.derivedServiceName("web")).isEqualTo("fedgate-web");
        assertThat(McsNames.derivedServiceName(longName)).hasSize(63).startsWith("fedgate-" + "a".repeat(46) + "-")
                .isNotEqualTo(McsNames.derivedServiceName("a".repeat(59) + "b"));
        assertThat(McsNames.isServiceName(McsNames.derivedServiceName(longName))).isTrue();
    }

    @Test
    void perEndpointServiceNamesAreServiceNamesDistinctPerClusterAndEndpoint() {
        RemoteEndpoint web0 = new RemoteEndpoint("west", "web-0");
        String longName = "a".repeat(60);

        assertThat(McsNames.endpointServiceName("web", web0)).matches("fedgate-web-[0-9a-f]{8}")
                .isEqualTo(McsNames.endpointServiceName("web", new RemoteEndpoint("west", "web-0")))
                .isNotEqualTo(McsNames.endpointServiceName("web", new RemoteEndpoint("east", "web-0")))
                .isNotEqualTo(McsNames.endpointServiceName("web", new RemoteEndpoint("west", "web-1")))
                .isNotEqualTo(McsNames.derivedServiceName("web"));
        assertThat(McsNames.endpointServiceName(longName, web0)).hasSize(63)
                .isNotEqualTo(McsNames.endpointServiceName("a".repeat(59) + "b", web0));
        assertThat(McsNames.isServiceName(McsNames.endpointServiceName(longName, web0))).isTrue();
        assertThat(McsNames.isServiceName(McsNames.endpointServiceName("web",
                new RemoteEndpoint("west", "fd00::1")))).isTrue();
    }

    @Test
    void serviceNamesAreDns1035Labels() {
        assertThat(McsNames.isServiceName("web-1")).isTrue();
        assertThat(McsNames.isServiceName("1web")).isFalse();
        assertThat(McsNames.isServiceName("web.v2")).isFalse();
        assertThat(McsNames.isServiceName("Web")).isFalse();
        assertThat(McsNames.isServiceName("a".repeat(64))).isFalse();
    }

    @Test
    void sliceNamesCountFurtherSlicesOfTheSameSourceAndFamily() {
        assertThat(McsNames.sliceName("web", "east", "IPv4", 0)).isEqualTo("web-east-ipv4");
        assertThat(McsNames.sliceName("web", "east", "IPv6", 2)).isEqualTo("web-east-ipv6-2");
    }

    @Test
    void icConfigIsOnlyEnabledWithAnAvailabilityZoneAndSaysWhatIsWrong() {
        IcConfig on = IcConfig.parse(Map.of("enable-ic", "true", "az-name", "az1", "gw-nodes", "a,b",
                "ic-db-host", "192.0.2.1", "ic-nb-port", "6645", "ic-sb-port", "6646", "auto-route", "true"));
        IcConfig noZone = IcConfig.parse(Map.of("enable-ic", "true"));
        IcConfig badFlag = IcConfig.parse(Map.of("enable-ic", "yes", "az-name", "az1"));

        assertThat(on.enabled()).isTrue();
        assertThat(on.gatewayNodes()).containsExactly("a", "b");
        assertThat(on.autoRoute()).isTrue();
        assertThat(on.icNbPort()).isEqualTo("6645");
        assertThat(on.problems()).isEmpty();
        assertThat(noZone.enabled()).isFalse();
        assertThat(noZone.problems()).singleElement().asString()
                .contains("kube-system/ovn-ic-config data.az-name").contains("missing");
        assertThat(badFlag.enabled()).isFalse();
        assertThat(badFlag.problems()).singleElement().asString().contains("data.enable-ic").contains("\"yes\"");
        assertThat(IcConfig.parse(null)).isEqualTo(IcConfig.DISABLED);
    }

    @Test
    void exportSettingsNameTheAnnotationAndValueOfEachProblem() {
        List<String> problems = new ArrayList<>();
        ObjectKey key = new ObjectKey("bank", "web");

        ExportSettings settings = ExportSettings.read(key, Map.of(ExportSettings.WEIGHT, "1001",
                ExportSettings.PRIORITY, "-1", ExportSettings.LOAD_BALANCING, "round-robin",
                ExportSettings.FAILOVER_ORDER, "east,West_2"), problems);

        assertThat(settings.weight()).isEqualTo(100);
        assertThat(settings.policy().loadBalancing()).isEqualTo(LoadBalancing.LOCAL_FIRST);
        assertThat(settings.policy().failoverOrder()).containsExactly("east");
        assertThat(problems).hasSize(4);
        assertThat(problems.get(0)).isEqualTo("ServiceExport bank/web annotation fedgate.io/weight: \"1001\" is not an "
                + "integer from 0 to 1000");
        assertThat(problems.get(2)).contains("\"round-robin\"").contains("local-first");
        assertThat(problems.get(3)).contains("\"West_2\"");
        assertThat(ExportSettings.read(key, Map.of(), new ArrayList<>())).isEqualTo(ExportSettings.DEFAULT);
    }
}
