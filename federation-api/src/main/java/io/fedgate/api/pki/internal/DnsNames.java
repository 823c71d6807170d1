package io.fedgate.api.pki.internal;

import java.util.regex.Pattern;

/** DNS-1123 name checks, as Kubernetes applies them to object names. */
public final class DnsNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** RFC 1123 limit for a full name. */
    private static final int MAX_SUBDOMAIN_LENGTH = 253;

    private DnsNames() {
    }

    /** True for a DNS-1123 label: at most 63 of lowercase letters, digits and '-', alphanumeric at both ends. */
    public static boolean isLabel(String text) {
        return text != null && LABEL.matcher(text).matches();
    }

    /** True for a DNS-1123 subdomain: dot-separated labels, at most 253 characters. */
    public static boolean isSubdomain(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_SUBDOMAIN_LENGTH) {
            return false;
        }
        for (String label : text.split("\\.", -1)) {
            if (!isLabel(label)) {
                return false;
            }
        }
        return true;
    }
}
