package io.fedgate.agent.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.InterconnectMode;
import io.fedgate.api.model.InterconnectState;
import io.fedgate.api.net.Cidr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InterconnectReportTest {
    private static final IcConfig ENABLED = IcConfig.parse(Map.of("enable-ic", "true", "az-name", "az1",
            "ic-db-host", "198.18.0.9"));
    private static final IcConfig OFF = IcConfig.parse(Map.of("enable-ic", "false"));
    private static final InterconnectState SEEN = new InterconnectState(InterconnectMode.KUBE_OVN, true, true,
            List.of(Cidr.parse("10.17.0.0/16")), List.of());
    private static final String CONTROLLER = "Deployment kube-system/ovn-ic-controller has 1 ready replica";

    @ParameterizedTest
    @EnumSource(InterconnectMode.class)
    void theObservedStateIsReportedUnderTheAgentsMode(InterconnectMode mode) {
        InterconnectReport report = InterconnectReport.of(mode, true, ENABLED, null, SEEN, true);

        assertThat(report.refusal()).isNull();
        assertThat(report.state()).isEqualTo(new InterconnectState(mode, true, true, SEEN.learnedPrefixes(), List.of()));
        assertThat(report.state().healthy()).isTrue();
    }

    @Test
    void fedgateModeRefusesWhileKubeOvnsIcControllerIsActiveAndSaysSoInTheState() {
        InterconnectReport report = InterconnectReport.of(InterconnectMode.FEDGATE, true, ENABLED, CONTROLLER, SEEN,
                true);

        assertThat(report.refusal()).startsWith(CONTROLLER + " while kube-system/ovn-ic-config enable-ic is \"true\"")
                .contains("writes no IC row");
        assertThat(report.state().problems()).containsExactly(report.refusal());
        assertThat(report.state().healthy()).isFalse();
    }

    @Test
    void kubeOvnModeNeverRefusesTheControllerOwnsInterconnectionThere() {
        assertThat(InterconnectReport.of(InterconnectMode.KUBE_OVN, true, ENABLED, CONTROLLER, SEEN, true).refusal())
                .isNull();
    }

    @Test
    void anActiveControllerWithInterconnectionOffRefusesNothingAsNothingWouldBeWritten() {
        assertThat(InterconnectReport.of(InterconnectMode.FEDGATE, true, OFF, CONTROLLER, null, true))
                .isEqualTo(InterconnectReport.NONE);
    }

    @Test
    void theRefusalHoldsWithoutAMonitorButNoStateIsReported() {
        InterconnectReport report = InterconnectReport.of(InterconnectMode.FEDGATE, true, ENABLED, CONTROLLER, null,
                false);
        assertThat(report.refusal()).isNotNull();
        assertThat(report.state()).isNull();
    }

    @Test
    void aMissingOvnIcConfigIsAProblemOfAnUnhealthyState() {
        InterconnectReport report = InterconnectReport.of(InterconnectMode.KUBE_OVN, false, IcConfig.DISABLED, null,
                null, true);

        assertThat(report.state().problems()).containsExactly(InterconnectReport.MISSING_CONFIG);
        assertThat(report.state().daemonActive()).isFalse();
        assertThat(report.state().healthy()).isFalse();
        assertThat(report.refusal()).isNull();
    }

    @Test
    void aHalfWrittenOvnIcConfigNamesWhatIsMissing() {
        IcConfig noAz = IcConfig.parse(Map.of("enable-ic", "true"));
        assertThat(InterconnectReport.of(InterconnectMode.KUBE_OVN, true, noAz, null, null, true).state().problems())
                .singleElement().asString().contains("data.az-name: missing while enable-ic is \"true\"");

        IcConfig noHost = IcConfig.parse(Map.of("enable-ic", "true", "az-name", "az1"));
        assertThat(InterconnectReport.of(InterconnectMode.KUBE_OVN, true, noHost, null, SEEN, true).state().problems())
                .singleElement().asString().contains("data.ic-db-host: missing while enable-ic is \"true\"");

        IcConfig badFlag = IcConfig.parse(Map.of("enable-ic", "yes"));
        assertThat(InterconnectReport.of(InterconnectMode.KUBE_OVN, true, badFlag, null, null, true).state().problems())
                .singleElement().asString().contains("data.enable-ic: \"yes\" is neither");
    }

    @Test
    void interconnectionSwitchedOffOnPurposeReportsNothing() {
        assertThat(InterconnectReport.of(InterconnectMode.KUBE_OVN, true, OFF, null, null, true))
                .isEqualTo(InterconnectReport.NONE);
    }

    @Test
    void theMonitorsProblemsComeFirstAndTheAgentsAreNotRepeated() {
        InterconnectState broken = new InterconnectState(InterconnectMode.KUBE_OVN, false, false, List.of(),
                List.of("AZ az1 (NB tcp:127.0.0.1:1): cannot read: refused"));
        IcConfig noHost = IcConfig.parse(Map.of("enable-ic", "true", "az-name", "az1"));

        InterconnectState state = InterconnectReport.of(InterconnectMode.KUBE_OVN, true, noHost, null, broken, true)
                .state();

        assertThat(state.problems()).hasSize(2).first().isEqualTo(broken.problems().get(0));
    }
}
