/**
 * JSON codecs for the federation's documents: strict at the door, naming every bad field.
 *
 * <h2>Wire format</h2>
 * Records are JSON objects keyed by their component names in camelCase; the CIDR lists of a cluster
 * network are spelt {@code podCIDRs}, {@code serviceCIDRs}, {@code joinCIDRs} (as Kubernetes and the
 * topology file spell them). A {@code Cidr} is its text with host bits kept ({@code "169.254.100.1/24"});
 * an {@code Instant} is ISO-8601 ({@code "2024-05-01T12:00:00Z"}); enums use {@link io.fedgate.api.codec.WireNames}:
 * {@code ClusterSetIP}/{@code Headless}, {@code None}/{@code ClientIP}, {@code TCP}/{@code UDP}/{@code SCTP},
 * and lower kebab case for the rest ({@code gateway}, {@code local-first}, {@code kube-ovn-overlay},
 * {@code lease-expired}). Null fields are omitted. {@link io.fedgate.api.codec.FederationJson#mapper()}
 * is the one configured Jackson mapper.
 *
 * <h2>Reading</h2>
 * {@link io.fedgate.api.codec.DocumentCodec} refuses a document over its size limit before parsing
 * (reading at most one byte past it), parses under {@link io.fedgate.api.codec.FederationJson#streamReadConstraints()},
 * then walks the tree with the readers of {@link io.fedgate.api.codec.ModelReaders}, which check names
 * (DNS-1123 labels and subdomains), ports (1..65535), CIDRs, IP literals, enum values, ranges, required
 * fields, repeats and collection sizes ({@code DEFAULT_MAX_*}). Every problem is collected with its path,
 * e.g. {@code exports[0].ports[1].port: 70000 is not a port (1..65535)}, and one
 * {@link io.fedgate.api.codec.InvalidDocumentException} lists them all; nothing is returned half-read.
 * Unknown fields are ignored on the wire (newer peers may add some); hand-written files read with
 * {@link io.fedgate.api.codec.UnknownFields#REPORT} get them reported instead.
 *
 * <h2>Adding a document kind</h2>
 * Write an {@link io.fedgate.api.codec.ObjectFields.Reader} from {@link io.fedgate.api.codec.ObjectFields}
 * accessors and the {@code ModelReaders} of the records it embeds, and give it to
 * {@link io.fedgate.api.codec.DocumentCodec#of}.
 */
package io.fedgate.api.codec;
