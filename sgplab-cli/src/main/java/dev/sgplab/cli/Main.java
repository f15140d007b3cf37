package dev.sgplab.cli;

/** Entry point of the shaded jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Sgplab.commandLine().execute(args));
    }
}
