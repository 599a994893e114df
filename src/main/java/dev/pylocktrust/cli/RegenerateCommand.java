package dev.pylocktrust.cli;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line a lock file's header gives to regenerate it, derived from how {@code lock} was called: the
 * positional arguments, then every option given, in the order the command declares its options, each under its
 * first declared name, with the option naming the output file last. Left out: {@link OneOff} options, and options
 * given with their default value. So the line depends on which arguments were given, not on their order or spelling,
 * and an option added to {@code lock} is repeated unless it is marked one-off.
 */
final class RegenerateCommand {
    private RegenerateCommand() {}

    /**
     * @param parsed the parse result of the {@code lock} command itself (not of the root command)
     * @param output the option naming the lock file, written last
     */
    static List<String> of(ParseResult parsed, OptionSpec output) {
        Objects.requireNonNull(output, "output");
        List<String> cmd = new ArrayList<>(List.of("pylock-trust", parsed.commandSpec().name()));
        for (PositionalParamSpec p : parsed.commandSpec().positionalParameters()) {
            if (parsed.hasMatchedPositional(p)) {
                cmd.addAll(p.originalStringValues());
            }
        }
        for (OptionSpec o : parsed.commandSpec().options()) {
            if (o != output) {
                cmd.addAll(repeated(parsed, o));
            }
        }
        cmd.addAll(repeated(parsed, output));
        return cmd;
    }

    private static List<String> repeated(ParseResult parsed, OptionSpec o) {
        if (!parsed.hasMatchedOption(o) || isOneOff(o)) {
            return List.of();
        }
        String name = o.names()[0];
        if (o.arity().max() == 0) {
            return List.of(name);
        }
        List<String> values = o.originalStringValues();
        if (o.defaultValue() != null && values.equals(List.of(o.defaultValue()))) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.add(name);
            out.add(v);
        }
        return out;
    }

    private static boolean isOneOff(OptionSpec o) {
        return o.userObject() instanceof Field f && f.isAnnotationPresent(OneOff.class);
    }
}
