package org.convscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code java -jar convscope.jar <command>}: the headless commands. */
@Command(name = "convscope", mixinStandardHelpOptions = true, version = "ConvScope 0.1",
        description = "Teach how convolutional neural networks see: headless commands.",
        subcommands = {SummaryCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class,
                MakeSubsetCommand.class, DatasetsCommand.class, RenderCommand.class, BenchCommand.class,
                BenchMapsCommand.class, TransferCommand.class, ExplainCommand.class, BenchExplainCommand.class,
                ExportCommand.class})
public final class Cli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs a command line; returns the exit code. Errors print one clear line, never a stack trace. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            cmd.getErr().flush();
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }
}
