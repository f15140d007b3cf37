package dev.sgplab.model.vpc;

import dev.sgplab.model.address.Cidr;
import dev.sgplab.model.address.Ipv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SubnetTest {
    private static final Cidr SLASH_28 = Cidr.parse("198.18.0.0/28"); // 16 addresses, 11 usable

    private static Subnet subnet(int usedByOthers, AllocationPolicy policy) {
        return new Subnet(SLASH_28, usedByOthers, policy, new SplittableRandom(3));
    }

    /** .0 network, .1 router, .2 DNS, .3 reserved, .15 broadcast: .4 .. .14 are usable. */
    @ParameterizedTest
    @EnumSource(AllocationPolicy.class)
    void neverAssignsTheFiveReservedAddresses(AllocationPolicy policy) {
        Subnet subnet = subnet(0, policy);
        assertThat(subnet.freeAddresses()).isEqualTo(11);
        Set<String> given = new HashSet<>();
        for (int i = 0; i < 11; i++) {
            given.add(Ipv4.format(subnet.allocate()));
        }
        assertThat(given).hasSize(11).doesNotContain("198.18.0.0", "198.18.0.1", "198.18.0.2", "198.18.0.3",
                "198.18.0.15");
        assertThat(subnet.allocate()).isEqualTo(Subnet.NO_ADDRESS);
    }

    @Test
    void addressesUsedByOthersAreTheLowestUsable() {
        Subnet subnet = subnet(3, AllocationPolicy.LOWEST_FREE); // .4 .5 .6 taken
        assertThat(Ipv4.format(subnet.allocate())).isEqualTo("198.18.0.7");
        assertThat(subnet.freeAddresses()).isEqualTo(7);
    }

    @Test
    void lowestFreeReusesAReleasedLowAddressAtOnce() {
        Subnet subnet = subnet(0, AllocationPolicy.LOWEST_FREE);
        int first = subnet.allocate();
        subnet.allocate();
        subnet.release(first, 10);
        assertThat(subnet.allocate()).isEqualTo(first);
    }

    @Test
    void leastRecentlyReleasedUsesNeverUsedAddressesFirstThenOldestRelease() {
        Subnet subnet = subnet(8, AllocationPolicy.LEAST_RECENTLY_RELEASED); // .12 .13 .14 free
        int a = subnet.allocate(); // .12
        int b = subnet.allocate(); // .13
        subnet.release(b, 1);
        subnet.release(a, 2);
        assertThat(Ipv4.format(subnet.allocate())).isEqualTo("198.18.0.14"); // never used
        assertThat(subnet.allocate()).isEqualTo(b); // released at 1, before a at 2
        assertThat(subnet.allocate()).isEqualTo(a);
    }

    @Test
    void mostRecentlyReleasedTakesTheLastRelease() {
        Subnet subnet = subnet(8, AllocationPolicy.MOST_RECENTLY_RELEASED);
        int a = subnet.allocate();
        int b = subnet.allocate();
        subnet.release(a, 1);
        subnet.release(b, 2);
        assertThat(subnet.allocate()).isEqualTo(b);
        assertThat(subnet.allocate()).isEqualTo(a);
        assertThat(subnet.releasedAt(a)).isEqualTo(1);
    }

    @Test
    void rejectsImpossibleSubnetsAndDoubleReleases() {
        assertThatThrownBy(() -> new Subnet(Cidr.parse("198.18.0.0/29"), 0, AllocationPolicy.RANDOM_FREE,
                new SplittableRandom(1))).hasMessageContaining("/28");
        assertThatThrownBy(() -> subnet(11, AllocationPolicy.RANDOM_FREE)).hasMessageContaining("used-by-others");
        Subnet subnet = subnet(0, AllocationPolicy.RANDOM_FREE);
        int ip = subnet.allocate();
        subnet.release(ip, 1);
        assertThatThrownBy(() -> subnet.release(ip, 2)).hasMessageContaining("not in use");
    }

    @Test
    void policiesAreNamedByTheirScenarioKeys() {
        assertThat(AllocationPolicy.fromKey("least-recently-released")).isEqualTo(AllocationPolicy.LEAST_RECENTLY_RELEASED);
        assertThatThrownBy(() -> AllocationPolicy.fromKey("fifo")).hasMessageContaining("unknown allocation policy");
    }
}
