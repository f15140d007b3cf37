package dev.sgplab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    @Test
    void aStreamDependsOnlyOnTheMasterSeedAndItsName() {
        RandomStreams one = new RandomStreams(7);
        RandomStreams two = new RandomStreams(7);
        two.stream("something/else").nextLong(); // asking for another component first changes nothing
        assertThat(one.stream("ec2/mac").nextLong()).isEqualTo(two.stream("ec2/mac").nextLong());
        assertThat(one.stream("ec2/mac").nextLong()).isNotEqualTo(one.stream("ec2/subnet").nextLong());
        assertThat(new RandomStreams(8).stream("ec2/mac").nextLong()).isNotEqualTo(one.stream("ec2/mac").nextLong());
    }

    @Test
    void childrenAreDistinctAndReproducible() {
        RandomStreams root = new RandomStreams(1);
        assertThat(root.child("replication-0").masterSeed()).isEqualTo(new RandomStreams(1).child("replication-0").masterSeed());
        assertThat(root.child("replication-0").masterSeed()).isNotEqualTo(root.child("replication-1").masterSeed());
    }
}
