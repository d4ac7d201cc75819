package io.graknmigrate.format;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SliceTest {

    /**
     * A fingerprint depends on the bytes only, not on where they sit: the scanner hashes slices of its
     * buffer (with neighbours it may read past the end and mask), tables rehash exact copies.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void fingerprintsDependOnTheBytesOnly(long seed) {
        Random random = new Random(seed);
        Set<Long> seen = new HashSet<>();
        Set<String> distinct = new HashSet<>();
        for (int round = 0; round < 2000; round++) {
            int len = random.nextInt(41);
            byte[] big = new byte[len + random.nextInt(20)];
            random.nextBytes(big);
            int off = random.nextInt(big.length - len + 1);
            byte[] copy = Arrays.copyOfRange(big, off, off + len);
            Slice slice = new Slice().set(big, off, len);
            assertThat(slice.hash64()).isEqualTo(Slice.hash64(copy, 0, len));
            assertThat(slice.hash64b()).isEqualTo(Slice.hash64b(copy, 0, len));
            assertThat(slice.contentEquals(copy)).isTrue();
            if (distinct.add(Arrays.toString(copy))) assertThat(seen.add(slice.hash64())).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 16, 23})
    void aTrailingZeroByteChangesTheFingerprint(int len) {
        byte[] a = new byte[len + 1];
        Arrays.fill(a, (byte) 'x');
        a[len] = 0;
        assertThat(Slice.hash64(a, 0, len)).isNotEqualTo(Slice.hash64(a, 0, len + 1));
        assertThat(Slice.hash64b(a, 0, len)).isNotEqualTo(Slice.hash64b(a, 0, len + 1));
    }
}
