package io.fedgate.charts;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PromQL expression of the monitoring chart: a dashboard panel's target, a dashboard variable's
 * {@code label_values(...)} selector, or an alert rule's {@code expr}.
 *
 * @param source      where it is written, e.g. {@code dashboards/tunnel-health.json panel "Bytes by direction" A}
 * @param expr        the expression as written, Grafana variables included
 * @param extraLabels labels the query's surroundings name: legend {@code {{label}}}s and label_values' label
 */
public record MonitoringQuery(String source, String expr, Set<String> extraLabels) {

    /** Values Grafana puts in for its built-in variables; any other variable is a label regex ("All"). */
    private static final Map<String, String> GRAFANA_BUILTINS =
            Map.of("__rate_interval", "1m", "__interval", "1m", "__range", "1h", "__range_s", "3600");
    /** The alert rules file, relative to the monitoring chart's directory. */
    private static final String ALERT_RULES_FILE = "rules/fedgate-alerts.yaml";
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Pattern LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\((.*),\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*$", Pattern.DOTALL);

    public MonitoringQuery {
        extraLabels = Set.copyOf(extraLabels);
    }

    /** The expression as Prometheus sees it once Grafana substituted its variables. */
    public String promQl() {
        Matcher m = GRAFANA_VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(GRAFANA_BUILTINS.getOrDefault(m.group(1), ".*")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The Grafana variables ({@code $name}, {@code ${name}}) the expression uses, built-ins excluded. */
    Set<String> dashboardVariables() {
        Matcher m = GRAFANA_VARIABLE.matcher(expr);
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            if (!GRAFANA_BUILTINS.containsKey(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The monitoring chart's dashboards directory. */
    static Path dashboardsDirectory() {
        return HelmChart.MONITORING.directory().resolve("dashboards");
    }

    /** The monitoring chart's alert rules file, in Prometheus' rule-file format. */
    static Path alertRulesFile() {
        return HelmChart.MONITORING.directory().resolve(ALERT_RULES_FILE);
    }

    /** Every dashboard JSON file of the monitoring chart. */
    static List<Path> dashboardFiles() {
        return dashboardFiles(dashboardsDirectory());
    }

    private static List<Path> dashboardFiles(Path dashboardsDirectory) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(dashboardsDirectory, "*.json")) {
            dir.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    /** Every query of the dashboards and of the alert rules. */
    static List<MonitoringQuery> all() {
        return all(HelmChart.MONITORING.directory());
    }

    /**
     * Every query of the dashboards and of the alert rules of the monitoring chart in {@code monitoringChart}
     * (the {@code charts/fedgate-monitoring} directory), dashboards first.
     */
    public static List<MonitoringQuery> all(Path monitoringChart) {
        List<MonitoringQuery> queries = new ArrayList<>();
        dashboardFiles(monitoringChart.resolve("dashboards")).forEach(file -> queries.addAll(ofDashboard(file)));
        queries.addAll(ofAlertRules(monitoringChart.resolve(ALERT_RULES_FILE)));
        return queries;
    }

    /** Whether this query is an alerting or recording rule's {@code expr} rather than a dashboard's. */
    public boolean isRule() {
        return source.startsWith("rules/");
    }

    /** Whether this query is a dashboard variable's {@code label_values(...)} selector. */
    public boolean isVariable() {
        return source.contains(" variable $");
    }

    /** The panel targets and variable queries of one dashboard. */
    static List<MonitoringQuery> ofDashboard(Path file) {
        JsonNode dashboard = Documents.read(file);
        String name = "dashboards/" + file.getFileName();
        List<MonitoringQuery> queries = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (!"query".equals(variable.path("type").asText())) {
                continue;
            }
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asText() : query.asText();
            Matcher m = LABEL_VALUES.matcher(text);
            if (!m.matches()) {
                throw new IllegalStateException(name + " variable " + variable.path("name").asText()
                        + ": only label_values(<selector>, <label>) queries are supported, found: " + text);
            }
            queries.add(new MonitoringQuery(name + " variable $" + variable.path("name").asText(), m.group(1),
                    Set.of(m.group(2))));
        }
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                Set<String> legendLabels = new TreeSet<>();
                Matcher legend = LEGEND_LABEL.matcher(target.path("legendFormat").asText(""));
                while (legend.find()) {
                    legendLabels.add(legend.group(1));
                }
                queries.add(new MonitoringQuery(name + " panel \"" + panel.path("title").asText() + "\" "
                        + target.path("refId").asText(), target.path("expr").asText(""), legendLabels));
            }
        }
        return queries;
    }

    /** Every panel of a dashboard, those nested in rows included, rows themselves excluded. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                panel.path("panels").forEach(panels::add);
            } else {
                panels.add(panel);
            }
        }
        return panels;
    }

    /** The {@code expr} of every alerting and recording rule of a Prometheus rule file. */
    static List<MonitoringQuery> ofAlertRules(Path file) {
        JsonNode rules = Documents.read(file);
        String name = "rules/" + file.getFileName();
        List<MonitoringQuery> queries = new ArrayList<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String ruleName = rule.has("alert") ? "alert " + rule.path("alert").asText()
                        : "record " + rule.path("record").asText();
                queries.add(new MonitoringQuery(name + " " + ruleName, rule.path("expr").asText(""), Set.of()));
            }
        }
        return queries;
    }

    @Override
    public String toString() {
        return source + ": " + expr;
    }
}
