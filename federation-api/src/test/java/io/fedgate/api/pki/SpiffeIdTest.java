package io.fedgate.api.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SpiffeIdTest {

    @Test
    void parsesClusterComponentIdentity() {
        SpiffeId id = SpiffeId.parse("spiffe://finance/cluster/east/gateway");

        assertThat(id).isEqualTo(new ClusterIdentity("finance", "east", Component.GATEWAY));
        assertThat(id.clusterSet()).isEqualTo("finance");
        assertThat(id.trustDomainId()).isEqualTo("spiffe://finance");
    }

    @Test
    void parsesAdminIdentity() {
        assertThat(SpiffeId.parse("spiffe://finance.example.com/admin/alice"))
                .isEqualTo(new AdminIdentity("finance.example.com", "alice"));
    }

    @ParameterizedTest
    @EnumSource(Component.class)
    void uriFormRoundTrips(Component component) {
        ClusterIdentity id = SpiffeId.cluster("finance", "east-1", component);

        assertThat(id.toString()).isEqualTo("spiffe://finance/cluster/east-1/" + component.id());
        assertThat(id.uri().getScheme()).isEqualTo("spiffe");
        assertThat(SpiffeId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void clusterIdThatIsNotALabelIsNamedInTheError() {
        assertThatThrownBy(() -> SpiffeId.parse("spiffe://x/cluster/Bad_Id/agent"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"spiffe://x/cluster/Bad_Id/agent\": cluster id \"Bad_Id\" is not a DNS-1123 label");
    }

    @Test
    void unknownComponentIsNamedWithTheAcceptedOnes() {
        assertThatThrownBy(() -> SpiffeId.parse("spiffe://x/cluster/east/router"))
                .hasMessage("\"spiffe://x/cluster/east/router\": component \"router\" is not one of hub, agent, gateway");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://x/cluster/a/agent         | does not start with spiffe://",
        "spiffe://x                        | path must be /cluster/<cluster-id>/<hub|agent|gateway> or /admin/<name>",
        "spiffe://x/cluster/a              | path must be",
        "spiffe://x/cluster/a/agent/extra  | path must be",
        "spiffe://x/cluster/a/agent/       | path must be",
        "spiffe://x/cluster//agent         | cluster id \"\" is not a DNS-1123 label",
        "spiffe://Finance/cluster/a/agent  | cluster set \"Finance\" is not a DNS-1123 subdomain",
        "spiffe://user@x/cluster/a/agent   | cluster set \"user@x\" is not a DNS-1123 subdomain",
        "spiffe://x/cluster/a/agent?q=1    | component \"agent?q=1\" is not one of",
        "spiffe://x/admin/                 | admin name \"\" is not a DNS-1123 label",
        "spiffe://x/admins/alice           | path must be",
    })
    void malformedIdsAreRefusedSayingWhichPart(String text, String expectedReason) {
        assertThatThrownBy(() -> SpiffeId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"" + text + "\": ")
                .hasMessageContaining(expectedReason);
    }

    @Test
    void overlongIdIsRefusedBeforeParsing() {
        String text = "spiffe://x/cluster/" + "a".repeat(SpiffeId.MAX_LENGTH) + "/agent";

        assertThatThrownBy(() -> SpiffeId.parse(text)).hasMessageContaining("longer than " + SpiffeId.MAX_LENGTH);
    }

    @Test
    void clusterCalledAdminAndAdminCalledClusterDoNotCollide() {
        SpiffeId clusterNamedAdmin = SpiffeId.parse("spiffe://x/cluster/admin/hub");
        SpiffeId adminNamedCluster = SpiffeId.parse("spiffe://x/admin/cluster");

        assertThat(clusterNamedAdmin).isInstanceOf(ClusterIdentity.class);
        assertThat(adminNamedCluster).isInstanceOf(AdminIdentity.class);
        assertThat(clusterNamedAdmin.toString()).isNotEqualTo(adminNamedCluster.toString());
    }

    @Test
    void constructorsValidateLikeParse() {
        assertThatThrownBy(() -> SpiffeId.cluster("finance", "East", Component.HUB))
                .hasMessage("cluster id \"East\" is not a DNS-1123 label");
        assertThatThrownBy(() -> SpiffeId.admin("finance", "Alice"))
                .hasMessage("admin name \"Alice\" is not a DNS-1123 label");
        assertThatThrownBy(() -> SpiffeId.admin("", "alice"))
                .hasMessage("cluster set \"\" is not a DNS-1123 subdomain");
    }

    @Test
    void componentParsesItsLowercaseId() {
        assertThat(Component.parse("hub")).isEqualTo(Component.HUB);
        assertThatThrownBy(() -> Component.parse("HUB")).hasMessageContaining("component \"HUB\" is not one of");
    }
}
