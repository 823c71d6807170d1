package io.fedgate.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fedgate.api.net.Cidr;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated API server allocates and defaults Services on create, as kube-apiserver does. */
class ServiceAllocationIT {
    private final MockApiServer api = new MockApiServer(List.of(Cidr.parse("10.96.0.0/16"),
            Cidr.parse("fd00:96::/108")));

    @AfterEach
    void stop() {
        api.close();
    }

    private Service create(String name, String clusterIp, String familyPolicy) {
        return api.client().services().inNamespace("bank").resource(new ServiceBuilder().withNewMetadata()
                .withName(name).withNamespace("bank").endMetadata().withNewSpec().withClusterIP(clusterIp)
                .withIpFamilyPolicy(familyPolicy).addNewPort().withName("https").withPort(443).endPort().endSpec()
                .build()).create();
    }

    @Test
    void aServiceWithoutAnAddressGetsOneOfThePrimaryFamilyAndTheDefaults() {
        Service web = create("web", null, null);

        assertThat(web.getSpec().getClusterIP()).startsWith("10.96.");
        assertThat(web.getSpec().getClusterIPs()).containsExactly(web.getSpec().getClusterIP());
        assertThat(web.getSpec().getIpFamilies()).containsExactly("IPv4");
        assertThat(web.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
        assertThat(web.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(web.getSpec().getInternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(web.getSpec().getSessionAffinity()).isEqualTo("None");
        assertThat(create("api", null, null).getSpec().getClusterIP()).as("each Service its own")
                .isNotEqualTo(web.getSpec().getClusterIP());
    }

    @Test
    void preferDualStackGetsOneAddressPerFamilyPrimaryFirst() {
        Service web = create("web", null, "PreferDualStack");

        assertThat(web.getSpec().getIpFamilies()).containsExactly("IPv4", "IPv6");
        assertThat(web.getSpec().getClusterIPs()).hasSize(2);
        assertThat(web.getSpec().getClusterIPs().get(1)).startsWith("fd00:96:");
    }

    @Test
    void headlessGetsFamiliesButNoAddressAndAGivenAddressIsKept() {
        assertThat(create("db", "None", null).getSpec().getClusterIPs()).containsExactly("None");
        assertThat(create("fixed", "10.96.0.20", null).getSpec().getClusterIPs()).containsExactly("10.96.0.20");
    }

    @Test
    void anUpdateKeepsTheAllocatedAddress() {
        String ip = create("web", null, null).getSpec().getClusterIP();

        Service updated = api.client().services().inNamespace("bank").withName("web")
                .edit(s -> new ServiceBuilder(s).editMetadata().addToLabels("tier", "gold").endMetadata().build());

        assertThat(updated.getSpec().getClusterIP()).isEqualTo(ip);
    }
}
