package dev.sgplab.model.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

    @Test
    void ipv4RoundTripsIncludingHighAddresses() {
        assertThat(Ipv4.format(Ipv4.parse("198.18.255.254"))).isEqualTo("198.18.255.254");
        assertThat(Ipv4.parse("255.255.255.255")).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"198.18.0", "198.18.0.256", "a.b.c.d", "198.18.0.01", "198.18..1"})
    void rejectsInvalidAddresses(String text) {
        assertThatThrownBy(() -> Ipv4.parse(text)).hasMessageContaining("not an IPv4 address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"198.18.0.0", "198.18.0.0/33", "198.18.0.1/24", "x/24", "198.18.0.0/abc"})
    void rejectsInvalidCidrs(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).hasMessageStartingWith("invalid CIDR");
    }

    @Test
    void cidrSizeAndMembership() {
        Cidr cidr = Cidr.parse("198.18.0.0/25");
        assertThat(cidr.size()).isEqualTo(128);
        assertThat(cidr.contains(Ipv4.parse("198.18.0.127"))).isTrue();
        assertThat(cidr.contains(Ipv4.parse("198.18.0.128"))).isFalse();
    }

    @Test
    void macsFormatLikeIpNeigh() {
        assertThat(MacAddress.format(MacAddress.parse("02:0a:b0:ff:00:01"))).isEqualTo("02:0a:b0:ff:00:01");
    }
}
