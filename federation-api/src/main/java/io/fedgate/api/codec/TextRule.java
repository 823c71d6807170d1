package io.fedgate.api.codec;

import io.fedgate.api.codec.internal.Shown;
import io.fedgate.api.codec.internal.Suggestions;
import io.fedgate.api.net.IpAddresses;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A rule a text value must follow, e.g. {@link #DNS_LABEL}. Every rule bounds the length, so no string
 * read through one is unbounded.
 */
@FunctionalInterface
public interface TextRule {
    /** Longest free text accepted where no tighter rule applies (reasons, app protocols). */
    int DEFAULT_MAX_TEXT_LENGTH = 1024;

    /** RFC 1123 label as Kubernetes uses it for namespaces, service names, cluster ids: {@code payments-v2}. */
    TextRule DNS_LABEL = pattern("a DNS-1123 label", 63, "[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /** RFC 1123 subdomain as Kubernetes uses it for node and object names: {@code gw-1.east}. */
    TextRule DNS_SUBDOMAIN = pattern("a DNS-1123 subdomain", 253,
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /** A non-empty Kubernetes label value, as topology labels (region, zone) are: {@code eu-east-1a}. */
    TextRule LABEL_VALUE = pattern("a Kubernetes label value", 63, "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    /** A Kubernetes label value that may be empty, as a label's value may: {@code ""} or {@code v2}. */
    TextRule LABEL_VALUE_OR_EMPTY = value -> value.isEmpty() ? null : LABEL_VALUE.problem(value);

    /** A literal IPv4 or IPv6 address (never a name to resolve). */
    TextRule IP_ADDRESS = value -> IpAddresses.isLiteral(value) ? null : Shown.quoted(value) + " is not an IP address";

    /** Where a listener can be dialled: a literal IP address or a DNS name. */
    TextRule HOST = value -> IpAddresses.isLiteral(value) || DNS_SUBDOMAIN.problem(value) == null ? null
            : Shown.quoted(value) + " is not an IP address or a DNS-1123 subdomain";

    /** An Ethernet MAC address in colon form, as OVN writes them: {@code 0a:00:00:00:00:01}. */
    TextRule MAC_ADDRESS = pattern("a MAC address", 17, "[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

    /** Free text up to {@link #DEFAULT_MAX_TEXT_LENGTH} characters. */
    TextRule TEXT = maxLength(DEFAULT_MAX_TEXT_LENGTH);

    /**
     * What is wrong with {@code value} under this rule, as a message naming the value
     * ({@code "Bad_Name" is not a DNS-1123 label}), or null when it follows the rule.
     */
    String problem(String value);

    /** This rule, then {@code next} for values this one accepts. */
    default TextRule and(TextRule next) {
        return value -> {
            String problem = problem(value);
            return problem != null ? problem : next.problem(value);
        };
    }

    /** Any text of at most {@code max} characters. */
    static TextRule maxLength(int max) {
        return value -> value.length() <= max ? null
                : Shown.quoted(value) + " is too long (" + value.length() + " characters > " + max + ")";
    }

    /**
     * Text matching {@code regex} whole, at most {@code maxLength} characters; problems read
     * {@code "x" is not <description>}.
     */
    static TextRule pattern(String description, int maxLength, String regex) {
        Pattern compiled = Pattern.compile(regex);
        return value -> {
            if (value.length() > maxLength) {
                return Shown.quoted(value) + " is not " + description + " (" + value.length() + " characters > "
                        + maxLength + ")";
            }
            return compiled.matcher(value).matches() ? null : Shown.quoted(value) + " is not " + description;
        };
    }

    /**
     * One of {@code known}, e.g. a cluster id the document defines elsewhere. Problems read
     * {@code "wset" is not <description> (did you mean west?)}, or list what is known when nothing is close.
     */
    static TextRule oneOf(Collection<String> known, String description) {
        List<String> names = List.copyOf(known);
        return value -> {
            if (names.contains(value)) {
                return null;
            }
            String suggestion = Suggestions.closest(value, names);
            String hint = suggestion != null ? "did you mean " + suggestion + "?"
                    : names.isEmpty() ? "there is none" : "known: " + String.join(", ", names);
            return Shown.quoted(value) + " is not " + description + " (" + hint + ")";
        };
    }
}
