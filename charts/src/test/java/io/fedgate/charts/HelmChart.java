package io.fedgate.charts;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One chart of {@code charts/}, linted and rendered through the real Helm engine. Releases are named like the
 * chart and installed into {@link #NAMESPACE}, the way the charts' README installs them, so the defaults that
 * point one chart at another (the agent's hub address, its gateway Service) can be checked.
 */
final class HelmChart {

    /** Namespace every test release renders into. */
    static final String NAMESPACE = "fedgate-system";

    static final HelmChart HUB = new HelmChart("fedgate-hub");
    static final HelmChart AGENT = new HelmChart("fedgate-agent");
    static final HelmChart GATEWAY = new HelmChart("fedgate-gateway");
    static final HelmChart MONITORING = new HelmChart("fedgate-monitoring");

    /** Every chart, in install order. */
    static final List<HelmChart> ALL = List.of(HUB, AGENT, GATEWAY, MONITORING);

    private final String name;

    private HelmChart(String name) {
        this.name = name;
    }

    /** The {@code charts/} directory: the module's base directory, as surefire and failsafe run there. */
    static Path chartsDirectory() {
        Path dir = Path.of(System.getProperty("fedgate.charts.dir", "")).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("fedgate-hub/Chart.yaml"))) {
            throw new IllegalStateException("charts directory " + dir + " holds no fedgate-hub/Chart.yaml; run the "
                    + "tests from the charts module or set -Dfedgate.charts.dir");
        }
        return dir;
    }

    String name() {
        return name;
    }

    Path directory() {
        return chartsDirectory().resolve(name);
    }

    /** The production-like example values shipped next to the chart. */
    Path exampleValues() {
        return directory().resolve("examples/production.yaml");
    }

    /** {@code helm lint --strict} of the chart with its default values. */
    LintResult lint() {
        return new Helm(directory()).lint().strict().call();
    }

    /** Renders the chart with its default values plus {@code sets} ({@code --set key=value}). */
    RenderedChart render(Map<String, ?> sets) {
        return RenderedChart.parse(name, template(null, sets));
    }

    /** Renders the chart with its default values. */
    RenderedChart render() {
        return render(Map.of());
    }

    /** Renders the chart with the example values file plus {@code sets}. */
    RenderedChart renderExample(Map<String, ?> sets) {
        return RenderedChart.parse(name + " (examples/production.yaml)", template(exampleValues(), sets));
    }

    /** Renders the chart with the example values file. */
    RenderedChart renderExample() {
        return renderExample(Map.of());
    }

    /**
     * {@code helm install --dry-run=client} with the given values file (or none): no cluster is contacted; the
     * output holds the rendered manifests and the chart's NOTES.txt as an operator sees them after installing.
     */
    String dryRunInstallOutput(Path valuesFile) {
        InstallCommand install = new Helm(directory()).install().withName(name).withNamespace(NAMESPACE)
                .clientOnly().withDryRunOption(DryRun.CLIENT);
        if (valuesFile != null) {
            install = install.withValuesFile(valuesFile);
        }
        return install.call().getOutput();
    }

    /** The raw multi-document YAML {@code helm template} prints. */
    String template(Path valuesFile, Map<String, ?> sets) {
        TemplateCommand template = new Helm(directory()).template().withName(name).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, ?> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return template.call();
    }

    @Override
    public String toString() {
        return name;
    }
}
