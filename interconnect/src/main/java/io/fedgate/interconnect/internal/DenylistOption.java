package io.fedgate.interconnect.internal;

import io.fedgate.interconnect.ovsdb.DatabaseSchema;

/**
 * Which NB_Global option holds the route denylist. OVN 23.03 reads only {@code ic-route-blacklist}; later
 * releases read {@code ic-route-denylist} and fall back to {@code ic-route-blacklist} when it is unset. So
 * the old key is right for every NB schema up to the cutoff below (and still honoured above it); the new key
 * is chosen only for schemas at or above it, where the old one may one day be dropped. The key is an option,
 * not a column, so the schema version is the only signal; {@code ReconcilerOptions.denylistOption} overrides.
 */
public final class DenylistOption {
    /** The option OVN 23.03 and earlier read. */
    public static final String BLACKLIST = "ic-route-blacklist";
    /** The option newer OVN reads first. */
    public static final String DENYLIST = "ic-route-denylist";
    /** First OVN_Northbound schema version for which fedgate writes {@link #DENYLIST}. */
    public static final String DENYLIST_SINCE_NB_SCHEMA = "7.11.0";

    private DenylistOption() {
    }

    /** The option to write for an NB with {@code schema}. */
    public static String forSchema(DatabaseSchema schema) {
        return schema.compareVersion(DENYLIST_SINCE_NB_SCHEMA) >= 0 ? DENYLIST : BLACKLIST;
    }

    /** The other spelling, which fedgate removes when it writes {@code option}. */
    public static String other(String option) {
        return option.equals(DENYLIST) ? BLACKLIST : DENYLIST;
    }
}
