package io.graknmigrate.format;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.util.Random;

import static io.graknmigrate.format.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

class WireCursorTest {

    private static final byte[] NON_ASCII = {(byte) 0x80, (byte) 0xbf, (byte) 0xc0, (byte) 0xc3, (byte) 0xe2, (byte) 0xed,
            (byte) 0xf0, (byte) 0xf4, (byte) 0xf5, (byte) 0xff};

    /** What {@link WireCursor#stringField} and {@link Slice#hash64()} make of the field: its hash, or the failure's reason. */
    private static String separately(WireCursor w, byte[] buf, int at) {
        w.reset(buf, at);
        Slice s = new Slice();
        try {
            w.stringField(s, buf.length);
            return s.hash64() + " to " + w.p;
        } catch (GraknFormatException e) {
            return e.getMessage();
        }
    }

    private static String together(WireCursor w, byte[] buf, int at) {
        w.reset(buf, at);
        Slice s = new Slice();
        try {
            long h = w.idField(s, buf.length);
            assertThat(s.length()).isEqualTo(buf[at]);
            return h + " to " + w.p;
        } catch (GraknFormatException e) {
            return e.getMessage();
        }
    }

    /**
     * Strings of 0 to 24 bytes ending at every distance from the end of the buffer (where the two
     * word reads of a short id do not fit), ASCII or with a non-ASCII byte at every position (valid
     * UTF-8 or not): the fused check and hash of an id field agree with the separate check and hash.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void anIdFieldIsCheckedAndHashedAsAStringFieldThenItsSlice(long seed) {
        Random random = new Random(seed);
        WireCursor w = new WireCursor(FrameReader.open(new ByteArrayInputStream(encode(header("1", "x"))), "w", 1 << 20));
        int failures = 0;
        for (int len = 0; len <= 24; len++) {
            for (int gap = 0; gap <= 18; gap++) {
                for (int bad = -1; bad < len; bad++) {
                    int before = random.nextInt(3);
                    byte[] buf = new byte[before + 1 + len + gap];
                    random.nextBytes(buf); // bytes around the string must not matter
                    int at = before;
                    buf[at] = (byte) len;
                    for (int i = 0; i < len; i++) buf[at + 1 + i] = (byte) (0x20 + random.nextInt(0x5f));
                    if (bad >= 0) {
                        buf[at + 1 + bad] = NON_ASCII[random.nextInt(NON_ASCII.length)];
                        if (bad + 1 < len && random.nextBoolean()) buf[at + 2 + bad] = (byte) (0x80 + random.nextInt(0x40));
                    }
                    String expected = separately(w, buf, at);
                    if (!expected.contains(" to ")) failures++;
                    assertThat(together(w, buf, at)).as("len %d, gap %d, non-ASCII at %d", len, gap, bad).isEqualTo(expected);
                }
            }
        }
        assertThat(failures).as("some strings are bad UTF-8").isGreaterThan(0);
    }
}
