/**
 * TOML text to a {@link dev.pylocktrust.toml.TomlTree}: values with the line each is written on. Lock files are read
 * by {@link dev.pylocktrust.toml.SubsetParser}, which accepts only the part of TOML lock writers use and reads it as
 * Python's {@code tomllib} (pip's reader) does; anything else is read by tomlj ({@link
 * dev.pylocktrust.toml.TomljTrees}). Pure: text in, data out.
 */
package dev.pylocktrust.toml;
