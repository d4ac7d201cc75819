package io.graknmigrate.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The forms of a command's usage line, after {@code grakn-migrate <command>}, when the main
 * parameter's description alone does not say it (several forms, or options a form needs).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface Synopsis {
    /** One usage form per element, such as {@code "--schema FILE.gql --data-file FILE.grakn <out-dir>"}. */
    String[] value();
}
