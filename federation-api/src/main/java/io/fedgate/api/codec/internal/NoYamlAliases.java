package io.fedgate.api.codec.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;

/**
 * Refuses YAML aliases ({@code *name}). Jackson does not expand them: an alias reads as its anchor's
 * name, so {@code region: *r} would quietly become the region "r". A parse error is the honest answer.
 */
public final class NoYamlAliases extends JsonParserDelegate {
    private final YAMLParser yaml;

    private NoYamlAliases(YAMLParser yaml) {
        super(yaml);
        this.yaml = yaml;
    }

    /** {@code parser} itself unless it reads YAML, in which case aliases become parse errors. */
    public static JsonParser guard(JsonParser parser) {
        return parser instanceof YAMLParser yamlParser ? new NoYamlAliases(yamlParser) : parser;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = super.nextToken();
        if (yaml.isCurrentAlias()) {
            throw new JsonParseException(this, "YAML aliases are not supported (*" + yaml.getText()
                    + "): write the value out", yaml.currentTokenLocation());
        }
        return token;
    }
}
