package io.graknmigrate.typedb3;

import io.graknmigrate.format.proto.ValueObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BadValuesTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void theDatetimeRangeEndsExactlyAtChronosLimits(long seed) {
        Random rnd = new Random(seed);
        long inside = BadValues.MIN_DATETIME_MILLIS + (long) (rnd.nextDouble() * (BadValues.MAX_DATETIME_MILLIS - BadValues.MIN_DATETIME_MILLIS));
        assertThat(BadValues.problem(ValueObject.newBuilder().setDatetime(inside).build())).isNull();
        assertThat(BadValues.problem(ValueObject.newBuilder().setDatetime(BadValues.MAX_DATETIME_MILLIS).build())).isNull();
        assertThat(BadValues.problem(ValueObject.newBuilder().setDatetime(BadValues.MIN_DATETIME_MILLIS).build())).isNull();
        assertThat(BadValues.problem(ValueObject.newBuilder().setDatetime(BadValues.MAX_DATETIME_MILLIS + 1 + rnd.nextInt(1000)).build())).contains("range");
        assertThat(BadValues.problem(ValueObject.newBuilder().setDatetime(BadValues.MIN_DATETIME_MILLIS - 1 - rnd.nextInt(1000)).build())).contains("range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uDC00b", "\uD83D", "x\uDBFF"})
    void unpairedSurrogatesAreRefusedAndPairsAreKept(String bad) {
        assertThat(BadValues.problem(ValueObject.newBuilder().setString(bad).build())).contains("unpaired surrogate");
        assertThat(BadValues.problem(ValueObject.newBuilder().setString("ok \uD83D\uDE00").build())).isNull();
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, Double.MAX_VALUE})
    void onlyNanIsRefusedAmongDoubles(double d) {
        assertThat(BadValues.problem(ValueObject.newBuilder().setDouble(d).build())).isNull();
        assertThat(BadValues.problem(ValueObject.newBuilder().setDouble(Double.NaN).build())).contains("NaN");
    }
}
