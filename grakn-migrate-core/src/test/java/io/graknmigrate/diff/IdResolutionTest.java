package io.graknmigrate.diff;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class IdResolutionTest {

    @ParameterizedTest
    @CsvSource({
            "V0, 0", "V7, 7", "V40964144, 40964144", "V999999999999999999, 999999999999999999",
            "V07, -1", "V00, -1", "V, -1", "v7, -1", "V7a, -1", "V-7, -1", "V 7, -1", "7, -1",
            "V1000000000000000000, -1", "X1, -1", "V12345678901234567890, -1"})
    void onlyGraknIdsWithoutLeadingZerosAreKnownByTheirNumbers(String id, long number) {
        byte[] b = ("#" + id + "#").getBytes(StandardCharsets.UTF_8);
        assertThat(IdResolution.graknNumber(b, 1, b.length - 2)).isEqualTo(number);
    }
}
