package dev.pylocktrust.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The heading an option (or positional parameter) is listed under in {@code --help}. On a field it names that
 * field's section; on a class (a mixin, an argument group, a command) it is the section of every field declared there
 * without one. Options with neither are listed under {@code Options}. Sections appear in the order of their first
 * option. See {@link HelpLayout}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.TYPE})
@interface HelpSection {
    /** The heading, without the colon, e.g. {@code Package index}. */
    String value();

    /**
     * An option for fine tuning, listed by name only (at the end of its section, with where it is described), except
     * in the help of commands that are about it ({@link HelpLayout.Tailored#detailsInFull()}).
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Detail {
        /** Where the option is described in full, e.g. {@code pylock-trust trust-root show --help}. */
        String value();
    }
}
