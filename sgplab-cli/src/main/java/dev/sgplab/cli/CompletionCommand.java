package dev.sgplab.cli;

import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

/**
 * The shell completion script, generated from the command tree itself (picocli's AutoComplete), so
 * it always knows every subcommand, option and enum value of this build.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash/zsh completion script for sgplab. In this shell:",
                "  source <(sgplab completion)",
                "In every new bash (with bash-completion installed):",
                "  sgplab completion > ~/.local/share/bash-completion/completions/sgplab",
                "zsh: the source line in ~/.zshrc (the script loads bashcompinit)."})
final class CompletionCommand extends Subcommand implements Runnable {
    @Override
    public void run() {
        String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
        PrintWriter out = out();
        out.print(script);
        out.flush();
    }
}
