package io.fedgate.api.net;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 or IPv6 prefix such as {@code 10.16.0.0/16} or {@code fd00:10:16::/64}.
 *
 * <p>{@link #parse} accepts host bits (as OVN writes router networks, {@code 10.16.0.1/16}) and keeps
 * the address as written; {@link #network()} gives the normalized prefix. Equality is on the normalized
 * prefix, so {@code 10.16.0.1/16} equals {@code 10.16.0.0/16}.
 */
public final class Cidr implements Comparable<Cidr> {
    private final byte[] address;
    private final int prefixLength;

    private Cidr(byte[] address, int prefixLength) {
        this.address = address;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code address/prefix}. Never resolves names.
     *
     * @throws IllegalArgumentException with a message saying what is wrong with {@code text}
     */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("null is not a CIDR");
        }
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CIDR (expected address/prefix)");
        }
        byte[] bytes = IpAddresses.parseLiteral(text.substring(0, slash));
        if (bytes == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CIDR (bad address)");
        }
        String prefix = text.substring(slash + 1);
        int bits = bytes.length * 8;
        int length;
        try {
            if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException();
            }
            length = Integer.parseInt(prefix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CIDR (bad prefix length)");
        }
        if (length > bits) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CIDR (prefix length " + length
                    + " > " + bits + ")");
        }
        return new Cidr(bytes, length);
    }

    /** True when {@code text} parses as a CIDR. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Prefix length in bits. */
    public int prefixLength() {
        return prefixLength;
    }

    /** True for IPv6 prefixes. */
    public boolean isIpv6() {
        return address.length == 16;
    }

    /** The normalized prefix: host bits cleared. */
    public Cidr network() {
        return new Cidr(masked(address, prefixLength), prefixLength);
    }

    /** The address as written, without the prefix length (for example a router port's own address). */
    public String addressText() {
        return IpAddresses.format(address);
    }

    /** The network address (host bits cleared) as text. */
    public String networkAddressText() {
        return IpAddresses.format(masked(address, prefixLength));
    }

    /** True when the two prefixes share at least one address. Prefixes of different families never do. */
    public boolean overlaps(Cidr other) {
        if (address.length != other.address.length) {
            return false;
        }
        int common = Math.min(prefixLength, other.prefixLength);
        return Arrays.equals(masked(address, common), masked(other.address, common));
    }

    /** True when {@code other} lies wholly inside this prefix. */
    public boolean contains(Cidr other) {
        return other.prefixLength >= prefixLength && overlaps(other);
    }

    /** True when the literal address {@code ip} lies inside this prefix. */
    public boolean containsAddress(String ip) {
        byte[] bytes = IpAddresses.parseLiteral(ip);
        return bytes != null && contains(new Cidr(bytes, bytes.length * 8));
    }

    /**
     * The {@code index}-th host address of this prefix with this prefix length, e.g. index 1 of
     * {@code 169.254.100.0/24} is {@code 169.254.100.1/24}.
     *
     * @throws IllegalArgumentException when the index does not fit in the prefix
     */
    public Cidr host(long index) {
        int hostBits = address.length * 8 - prefixLength;
        BigInteger max = BigInteger.ONE.shiftLeft(hostBits);
        if (index < 0 || BigInteger.valueOf(index).compareTo(max) >= 0) {
            throw new IllegalArgumentException("host index " + index + " does not fit in " + this);
        }
        BigInteger value = new BigInteger(1, masked(address, prefixLength)).add(BigInteger.valueOf(index));
        byte[] raw = value.toByteArray();
        byte[] out = new byte[address.length];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        return new Cidr(out, prefixLength);
    }

    /** Normalized text form ({@code 10.16.0.0/16}). */
    @Override
    public String toString() {
        return networkAddressText() + "/" + prefixLength;
    }

    /** The text as written, keeping host bits ({@code 169.254.100.1/24}). */
    public String toInterfaceString() {
        return addressText() + "/" + prefixLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && prefixLength == c.prefixLength
                && Arrays.equals(masked(address, prefixLength), masked(c.address, c.prefixLength));
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(masked(address, prefixLength)), prefixLength);
    }

    @Override
    public int compareTo(Cidr o) {
        int c = Integer.compare(address.length, o.address.length);
        if (c != 0) {
            return c;
        }
        c = Arrays.compareUnsigned(masked(address, prefixLength), masked(o.address, o.prefixLength));
        return c != 0 ? c : Integer.compare(prefixLength, o.prefixLength);
    }

    private static byte[] masked(byte[] bytes, int length) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, length - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
        }
        return out;
    }
}
