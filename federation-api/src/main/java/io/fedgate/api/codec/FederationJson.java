package io.fedgate.api.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fedgate.api.codec.internal.WireModule;

/**
 * The one Jackson configuration fedgate documents are read and written with.
 *
 * <ul>
 *   <li>records as objects keyed by their component names (camelCase), except that
 *       {@code ClusterNetwork}'s CIDR lists are {@code podCIDRs}, {@code serviceCIDRs}, {@code joinCIDRs}
 *       as Kubernetes and the topology file spell them;</li>
 *   <li>{@code Cidr} as its text keeping host bits ({@code 169.254.100.1/24}), {@code Instant} as ISO-8601
 *       ({@code 2024-05-01T12:00:00Z}), enums by their {@link WireNames wire names};</li>
 *   <li>null fields are left out when writing; map entries are written sorted by key, so equal values
 *       encode to equal bytes;</li>
 *   <li>unknown fields are ignored when binding; duplicate keys and trailing content are parse errors;
 *       parsing is bounded by {@link #streamReadConstraints()}.</li>
 * </ul>
 * Each call returns a new mapper; a mapper is thread-safe once built.
 */
public final class FederationJson {
    /** Deepest nesting accepted; fedgate documents nest about eight levels. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 32;
    /** Longest string value accepted by the parser (condition messages go to 32768). */
    public static final int DEFAULT_MAX_STRING_LENGTH = 64 * 1024;
    /** Longest field name accepted by the parser. */
    public static final int DEFAULT_MAX_NAME_LENGTH = 1024;
    /** Longest number literal accepted by the parser. */
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 64;

    private FederationJson() {
    }

    /** A JSON mapper configured as described above. */
    public static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(streamReadConstraints())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return configured(JsonMapper.builder(factory));
    }

    /**
     * A YAML mapper with the same configuration, for hand-written files such as the topology. The stream
     * constraints bound YAML as they bound JSON; {@link DocumentCodec} also refuses YAML aliases, which
     * Jackson would otherwise read as the anchor's name.
     */
    public static ObjectMapper yamlMapper() {
        YAMLFactory factory = YAMLFactory.builder()
                .streamReadConstraints(streamReadConstraints())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .build();
        return configured(YAMLMapper.builder(factory));
    }

    /** Parser limits shared by both formats. */
    public static StreamReadConstraints streamReadConstraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(DEFAULT_MAX_NESTING_DEPTH)
                .maxStringLength(DEFAULT_MAX_STRING_LENGTH)
                .maxNameLength(DEFAULT_MAX_NAME_LENGTH)
                .maxNumberLength(DEFAULT_MAX_NUMBER_LENGTH)
                .build();
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configured(B builder) {
        return builder
                .addModule(new WireModule())
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.NON_NULL))
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }
}
