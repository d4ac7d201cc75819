package io.graknmigrate.keyspace;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The row id's spelling written as bytes is {@link ThingId#of}'s, for every number of digits and at the edges. */
class ThingIdTest {

    @Test
    void lengthAndWriteSpellRowIdsAsOfDoes() {
        Random r = new Random(5);
        byte[] b = new byte[48];
        for (int i = 0; i < 200_000; i++) {
            long x = switch (i % 4) {
                case 0 -> i;
                case 1 -> r.nextLong() >>> r.nextInt(64);
                case 2 -> {
                    long p = 1;
                    for (int k = r.nextInt(19); k > 0; k--) p *= 10;
                    yield p + r.nextInt(3) - 1;
                }
                default -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, -1, 0, 9, 10, 99, 100}[i / 4 % 8];
            };
            String id = ThingId.of(x);
            assertThat(ThingId.length(x)).as("length of %d", x).isEqualTo(id.length());
            int end = ThingId.write(x, b, 5);
            assertThat(new String(b, 5, end - 5, StandardCharsets.US_ASCII)).isEqualTo(id);
        }
    }
}
