package dev.sgplab.lab;

import java.util.List;
import java.util.Map;

/**
 * What the lab report states besides the observations: the kernel, the time scale, every setting
 * in force (whole-kernel ones in the initial namespace, per-device ones on the DNS nodes' links)
 * and the tools' versions; how well the run kept the model's time; and, in gc-regime auto, how
 * well the kernel's arp entry count kept the scenario's ({@link ArpCount}).
 */
public record LabFacts(String kernel, double timeScale, String runPrefix, Map<String, String> hostNeighDefaults,
        Map<String, String> dnsNodeNeighSettings, int dnsNodeEntriesAtEnd, String dnsServer, String resolver,
        Map<String, String> guard, LabLateness lateness, List<String> notes, ArpCount arpCount) {
}
