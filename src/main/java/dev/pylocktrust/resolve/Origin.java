package dev.pylocktrust.resolve;

import dev.pylocktrust.python.PackageName;
import java.util.Objects;

/**
 * Which part of the user's input a top-level requirement comes from: the main dependencies, an extra of the project
 * being locked ({@code [project.optional-dependencies]}) or a dependency group ({@code [dependency-groups]}). The
 * merged result turns origins into PEP 751 markers ({@code 'test' in extras}, {@code 'dev' in dependency_groups}).
 */
public sealed interface Origin permits Origin.Main, Origin.Extra, Origin.Group {

    /** The main requirements (command-line arguments, requirements files, {@code [project].dependencies}). */
    Origin MAIN = new Main();

    /** How failure explanations name the requirer, e.g. {@code you require}, {@code your extra 'test' requires}. */
    String requirer();

    /** The main requirements. */
    record Main() implements Origin {
        @Override
        public String requirer() {
            return "you require";
        }

        @Override
        public String toString() {
            return "main";
        }
    }

    /** An extra of the project being locked; the name is PEP 685-normalized. */
    record Extra(String name) implements Origin {
        public Extra {
            name = PackageName.of(Objects.requireNonNull(name, "name")).value();
        }

        @Override
        public String requirer() {
            return "your extra '" + name + "' requires";
        }

        @Override
        public String toString() {
            return "extra " + name;
        }
    }

    /** A PEP 735 dependency group; the name is normalized like a project name. */
    record Group(String name) implements Origin {
        public Group {
            name = PackageName.of(Objects.requireNonNull(name, "name")).value();
        }

        @Override
        public String requirer() {
            return "your dependency group '" + name + "' requires";
        }

        @Override
        public String toString() {
            return "group " + name;
        }
    }
}
