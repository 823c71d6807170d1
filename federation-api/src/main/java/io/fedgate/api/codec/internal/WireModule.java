package io.fedgate.api.codec.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.fedgate.api.codec.WireNames;
import io.fedgate.api.model.ClusterNetwork;
import io.fedgate.api.model.ExportedService;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.model.ServiceProperties;
import io.fedgate.api.net.Cidr;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Gives fedgate's values their wire form in Jackson: {@link Cidr} as its text with host bits kept
 * ({@code 169.254.100.1/24}), {@link Instant} as ISO-8601, every enum by its {@link WireNames wire name},
 * and the CIDR lists of {@link ClusterNetwork} spelt as Kubernetes does ({@code podCIDRs}).
 */
public final class WireModule extends SimpleModule {

    @SuppressWarnings({"unchecked", "rawtypes"})
    public WireModule() {
        super("fedgate-wire");
        // set before addDeserializer, which then adds to this instance
        setDeserializers(new WireDeserializers());
        addSerializer(Cidr.class, new TextSerializer<>(Cidr.class, Cidr::toInterfaceString));
        addDeserializer(Cidr.class, new TextDeserializer<>(Cidr.class, Cidr::parse));
        addSerializer(Instant.class, new TextSerializer<>(Instant.class, Instant::toString));
        addDeserializer(Instant.class, new TextDeserializer<>(Instant.class, Instant::parse));
        // SimpleSerializers applies a serializer registered for Enum.class to every enum type
        addSerializer((Class) Enum.class, new TextSerializer<Enum<?>>((Class) Enum.class, WireNames::of));
        setMixInAnnotation(ClusterNetwork.class, ClusterNetworkWireNames.class);
        setMixInAnnotation(ServiceProperties.class, OmitUnsetProperties.class);
        setMixInAnnotation(ExportedService.class, OmitNoProperties.class);
        setMixInAnnotation(ServiceImport.class, OmitNoProperties.class);
    }

    /** Unset Service properties are left out, so that plans of services without them stay as small as before. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    abstract static class OmitUnsetProperties {
    }

    /** An export or import with no Service property set is written without {@code properties}. */
    abstract static class OmitNoProperties {
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = NoProperties.class)
        abstract ServiceProperties properties();
    }

    /** Jackson's value filter: {@code equals} answers true for the values to leave out. */
    static final class NoProperties {
        @Override
        public boolean equals(Object value) {
            return value == null || value instanceof ServiceProperties p && p.unset();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** Kubernetes spells these {@code podCIDRs}, as the topology file does; the record says podCidrs. */
    abstract static class ClusterNetworkWireNames {
        @JsonProperty("podCIDRs")
        abstract List<Cidr> podCidrs();

        @JsonProperty("serviceCIDRs")
        abstract List<Cidr> serviceCidrs();

        @JsonProperty("joinCIDRs")
        abstract List<Cidr> joinCidrs();
    }

    private static final class TextSerializer<T> extends StdSerializer<T> {
        private final Function<T, String> toText;

        TextSerializer(Class<T> type, Function<T, String> toText) {
            super(type);
            this.toText = toText;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(toText.apply(value));
        }
    }

    private static final class TextDeserializer<T> extends FromStringDeserializer<T> {
        private final Function<String, T> fromText;

        TextDeserializer(Class<T> type, Function<String, T> fromText) {
            super(type);
            this.fromText = fromText;
        }

        @Override
        protected T _deserialize(String value, DeserializationContext context) {
            return fromText.apply(value);
        }
    }

    /** Finds the wire-name deserializer for any enum type without registering each one. */
    private static final class WireDeserializers extends SimpleDeserializers {
        @Override
        public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config,
                                                        BeanDescription beanDesc) {
            @SuppressWarnings("unchecked")
            Class<? extends Enum<?>> enumType = (Class<? extends Enum<?>>) type;
            return new WireEnumDeserializer(enumType);
        }
    }

    private static final class WireEnumDeserializer extends StdScalarDeserializer<Object> {
        private final Class<? extends Enum<?>> type;

        WireEnumDeserializer(Class<? extends Enum<?>> type) {
            super(type);
            this.type = type;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            Object value = text == null ? null : WireNames.parse(type, text);
            if (value == null) {
                return context.handleWeirdStringValue(type, text, "not one of %s", WireNames.allowed(type));
            }
            return value;
        }
    }
}
