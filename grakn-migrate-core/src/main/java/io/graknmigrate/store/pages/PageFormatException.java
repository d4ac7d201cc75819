package io.graknmigrate.store.pages;

/**
 * A database file that is not what SQLite's file format says it must be (a page number out of range,
 * a cycle among pages, a bad varint, a cell or payload beyond its page, an unknown page type), or that
 * uses a part of the format this reader does not read (a text encoding other than UTF-8). Whoever
 * reads the file this way can fall back to reading it through SQLite.
 */
public final class PageFormatException extends RuntimeException {

    /** @param what what is wrong, and where (page number, offset) */
    public PageFormatException(String what) {
        super(what);
    }

    /** @param what what is wrong, and where; {@code cause} the I/O failure behind it */
    public PageFormatException(String what, Throwable cause) {
        super(what, cause);
    }
}
