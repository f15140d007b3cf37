package dev.sgplab.model.address;

/** 48-bit MAC addresses held in a long. {@link #BROADCAST} marks a broadcast ARP request. */
public final class MacAddress {
    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;
    /** The "no address yet" value of a fresh neighbour entry. */
    public static final long NONE = 0L;

    private MacAddress() {
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public static String format(long mac) {
        char[] text = new char[17];
        int at = 0;
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (at > 0) {
                text[at++] = ':';
            }
            text[at++] = HEX[(int) (mac >>> (shift + 4)) & 0xF];
            text[at++] = HEX[(int) (mac >>> shift) & 0xF];
        }
        return new String(text);
    }

    public static long parse(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address: '" + text + "'");
        }
        long mac = 0;
        for (String part : parts) {
            mac = (mac << 8) | Integer.parseInt(part, 16);
        }
        return mac;
    }
}
