package dev.sgplab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sgplab help [COMMAND...]}: the help of the named command at any depth, so that
 * {@code sgplab help cluster run} shows what {@code sgplab cluster run --help} shows. picocli's own
 * HelpCommand takes one name and silently ignores the rest ({@code help cluster run} printed the help
 * of {@code cluster}).
 */
@Command(name = "help", helpCommand = true,
        description = "Show a command's help, at any depth: sgplab help cluster run.")
final class NestedHelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean helpRequested;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", completionCandidates = TopLevelNames.class,
            description = "The command, with its subcommands.")
    List<String> names = new ArrayList<>();

    private CommandLine self;
    private Help.ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        String path = target.getCommandName();
        for (String name : names) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                String hint = dev.sgplab.scenario.NearestKey.hint(name, target.getSubcommands().keySet());
                String under = target.getParent() == null ? "" : " under '" + path + "'";
                String choices = target.getSubcommands().isEmpty() ? " (" + path + " has no commands)"
                        : hint.isEmpty() ? " (" + path + " has: " + visibleNames(target) + ")" : hint;
                throw new CommandLine.ParameterException(self, "unknown command '" + name + "'" + under + choices);
            }
            target = sub;
            path = path + " " + target.getCommandName();
        }
        target.usage(out, colors);
        out.flush();
    }

    /** For shell completion after {@code sgplab help}: the commands of {@code sgplab}. */
    static final class TopLevelNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        TopLevelNames() {
            for (Class<?> sub : Sgplab.class.getAnnotation(Command.class).subcommands()) {
                add(sub.getAnnotation(Command.class).name());
            }
        }
    }

    private static String visibleNames(CommandLine command) {
        List<String> visible = new ArrayList<>();
        command.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden() && name.equals(sub.getCommandName())) {
                visible.add(name);
            }
        });
        return String.join(", ", visible);
    }
}
