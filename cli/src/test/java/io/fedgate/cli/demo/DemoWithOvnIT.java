package io.fedgate.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fedgate.api.topology.TopologyExamples;
import io.fedgate.cli.Fedgate;
import io.fedgate.interconnect.localstack.OvnIcStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code fedgate demo --with-ovn} against Debian's real OVN daemons: the hub's interconnect plan is applied
 * to a local OVN-IC stack and each routed AZ learns the other's pod prefix; the stack is gone afterwards.
 */
class DemoWithOvnIT {

    @Test
    void withOvnEveryRoutedAzLearnsTheOthersPodPrefixAndTheStackStopsWithTheDemo() {
        assumeTrue(OvnIcStack.unavailableReason().isEmpty(), () -> "OVN packages missing: "
                + OvnIcStack.unavailableReason().orElse("") + " (CI installs them through test-env/install-test-deps.sh)");
        StringWriter output = new StringWriter();
        CommandLine cmd = Fedgate.commandLine();
        PrintWriter out = new PrintWriter(output, true);
        cmd.setOut(out);
        cmd.setErr(out);

        int exit = cmd.execute("demo", "--topology",
                TopologyExamples.file("three-cluster-active-active.yaml").toString(), "--duration", "8s",
                "--with-ovn", "--status-port", "0", "--no-browser-hint");

        String text = output.toString();
        assertThat(exit).as(text).isZero();
        // east (pods 10.16.0.0/16) and west (10.17.0.0/16) are the routed Kube-OVN clusters of the example
        assertThat(text).contains("AZ az-east (east) learned: 10.17.0.0/16 via 169.254.100.")
                .contains("AZ az-west (west) learned: 10.16.0.0/16 via 169.254.100.");
        Matcher dir = Pattern.compile("real local stack \\(ovsdb-server, ovn-northd, ovn-ic\\) in (\\S+?);?\\s")
                .matcher(text);
        assertThat(dir.find()).as("the demo names its stack's directory").isTrue();
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of(dir.group(1))))
                .as("the stack's directory is removed when the demo stops").isFalse();
    }
}
