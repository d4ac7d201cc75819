package io.graknmigrate.diff;

/**
 * One side of a comparison is not a consistent graph: an id defined twice, a reference to an id the
 * side does not define, an ownership of something that is not an attribute. The message is one line
 * naming the side and the thing, and says what to do.
 */
public final class DamagedGraphException extends RuntimeException {

    public DamagedGraphException(String message) {
        super(message);
    }
}
