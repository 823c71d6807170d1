package io.fedgate.api.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Literal IP address parsing and formatting that never touches DNS. */
public final class IpAddresses {
    private IpAddresses() {
    }

    /** True when {@code text} is a literal IPv4 or IPv6 address. */
    public static boolean isLiteral(String text) {
        return parseLiteral(text) != null;
    }

    /** The address bytes (4 or 16), or null when {@code text} is not a literal address. */
    static byte[] parseLiteral(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        if (text.indexOf(':') >= 0) {
            if (!text.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == ':' || ch == '.')) {
                return null;
            }
        } else {
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                String p = parts[i];
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                    return null;
                }
                int v = Integer.parseInt(p);
                if (v > 255) {
                    return null;
                }
                out[i] = (byte) v;
            }
            return out;
        }
        try {
            // a string of hex digits, ':' and '.' is never resolved through DNS by InetAddress
            InetAddress parsed = InetAddress.getByName(text);
            return parsed instanceof Inet6Address ? parsed.getAddress() : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static String format(byte[] bytes) {
        try {
            String s = InetAddress.getByAddress(bytes).getHostAddress();
            return bytes.length == 16 ? compress(s) : s;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Canonical RFC 5952 form: lowercase, longest zero run compressed. */
    private static String compress(String full) {
        String[] groups = full.split(":");
        for (int i = 0; i < groups.length; i++) {
            groups[i] = groups[i].replaceFirst("^0+(?=.)", "");
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
        return head + "::" + tail;
    }
}
