package dev.pylocktrust.resolve;

import dev.pylocktrust.python.PackageName;
import java.util.Objects;

/**
 * Something about a resolution the user should know, about one package: a yanked release chosen because a
 * requirement pins it, a locked version replaced because it was yanked, an extra a release does not provide.
 *
 * @param name the package it is about
 * @param message the whole sentence, naming the package
 */
public record ResolutionWarning(PackageName name, String message) {
    public ResolutionWarning {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}
