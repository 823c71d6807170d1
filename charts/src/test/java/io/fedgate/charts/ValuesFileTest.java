package io.fedgate.charts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** values.yaml documents every value, and the examples only set values the chart defines. */
class ValuesFileTest {

    private static final Pattern KEY_LINE = Pattern.compile("^( *)([A-Za-z0-9_.\\-/]+):(.*)$");

    static Stream<HelmChart> charts() {
        return HelmChart.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void everyValueSaysWhatItDoes(HelmChart chart) throws IOException {
        assertThat(undocumentedKeys(chart.directory().resolve("values.yaml")))
                .as("%s/values.yaml: keys with no comment above them (nor above an enclosing key)", chart)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void examplesOnlySetValuesTheChartDefines(HelmChart chart) {
        JsonNode defaults = Documents.read(chart.directory().resolve("values.yaml"));
        JsonNode example = Documents.read(chart.exampleValues());
        List<String> unknown = new ArrayList<>();
        collectUnknown("", example, defaults, unknown);

        assertThat(unknown).as("%s: example values the chart does not define (typos?)", chart).isEmpty();
    }

    /**
     * A key is documented when a comment line sits right above it or above one of its enclosing keys, so
     * {@code resources:} with a comment documents its {@code requests.cpu} too.
     */
    static List<String> undocumentedKeys(Path valuesFile) throws IOException {
        List<String> undocumented = new ArrayList<>();
        Deque<int[]> documentedIndents = new ArrayDeque<>();
        boolean commentAbove = false;
        int lineNumber = 0;
        for (String line : Files.readAllLines(valuesFile)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                commentAbove = true;
                continue;
            }
            Matcher key = KEY_LINE.matcher(line);
            if (trimmed.isEmpty() || !key.matches()) {
                commentAbove = commentAbove && !trimmed.isEmpty();
                continue;
            }
            int indent = key.group(1).length();
            while (!documentedIndents.isEmpty() && documentedIndents.peek()[0] >= indent) {
                documentedIndents.pop();
            }
            boolean insideDocumented = documentedIndents.stream().anyMatch(d -> d[1] == 1);
            boolean documented = commentAbove || insideDocumented;
            boolean isParent = key.group(3).isBlank();
            if (!documented && !isParent) {
                undocumented.add("line " + lineNumber + ": " + trimmed);
            }
            documentedIndents.push(new int[] {indent, documented ? 1 : 0});
            commentAbove = false;
        }
        return undocumented;
    }

    /** Paths of {@code example} absent from {@code defaults}; an empty default map takes any key. */
    private static void collectUnknown(String path, JsonNode example, JsonNode defaults, List<String> unknown) {
        if (!example.isObject() || !defaults.isObject() || defaults.isEmpty()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = example.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (!defaults.has(field.getKey())) {
                unknown.add(fieldPath);
            } else {
                collectUnknown(fieldPath, field.getValue(), defaults.get(field.getKey()), unknown);
            }
        }
    }
}
