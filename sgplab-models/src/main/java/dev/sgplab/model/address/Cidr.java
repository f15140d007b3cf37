package dev.sgplab.model.address;

/** An IPv4 CIDR block such as {@code 198.18.0.0/24}. */
public record Cidr(int network, int prefixLength) {

    public Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32, got " + prefixLength);
        }
        if ((network & mask(prefixLength)) != network) {
            throw new IllegalArgumentException(Ipv4.format(network) + "/" + prefixLength + " has host bits set");
        }
    }

    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("invalid CIDR: missing");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid CIDR '" + text + "': expected ADDRESS/PREFIX");
        }
        try {
            int prefix = Integer.parseInt(text.substring(slash + 1).trim());
            return new Cidr(Ipv4.parse(text.substring(0, slash)), prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid CIDR '" + text + "': " + e.getMessage());
        }
    }

    static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    public long size() {
        return 1L << (32 - prefixLength);
    }

    public int address(long offset) {
        return network + (int) offset;
    }

    public boolean contains(int ip) {
        return (ip & mask(prefixLength)) == network;
    }

    @Override
    public String toString() {
        return Ipv4.format(network) + "/" + prefixLength;
    }
}
