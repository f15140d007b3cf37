package dev.sgplab.cli;

/** {@code -o table|json}. */
public enum OutputFormat {
    TABLE, JSON
}
