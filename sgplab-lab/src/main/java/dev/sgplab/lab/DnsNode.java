package dev.sgplab.lab;

/** A node namespace running a DNS server (dnsmasq) on its address in the subnet. */
record DnsNode(int nodeIndex, String namespace, String link, int ip, String mac) {
    String name() {
        return "node-" + nodeIndex;
    }
}
