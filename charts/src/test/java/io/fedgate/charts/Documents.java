package io.fedgate.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** JSON and YAML documents of the charts (dashboards, rule files, values, rendered config files) as trees. */
final class Documents {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Documents() {
    }

    /** Parses a JSON file, or a YAML file when its name ends in .yaml/.yml. */
    static JsonNode read(Path file) {
        String name = file.getFileName().toString();
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** Parses YAML text, such as a config file rendered into a ConfigMap. */
    static JsonNode yaml(String source, String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the YAML of " + source, e);
        }
    }

    /** Parses JSON text, such as a dashboard rendered into a ConfigMap. */
    static JsonNode json(String source, String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the JSON of " + source, e);
        }
    }
}
