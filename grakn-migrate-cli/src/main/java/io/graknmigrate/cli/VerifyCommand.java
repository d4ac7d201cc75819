package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.graknmigrate.format.Verification;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

@Parameters(commandNames = "verify", commandDescription = "Check a .grakn file (- for stdin) for problems; exit 0 when clean, 1 when any is found")
final class VerifyCommand implements Command {

    @ParametersDelegate
    CommonOptions common = new CommonOptions();

    @Parameter(description = "<file|->")
    List<String> files = new ArrayList<>();

    @Parameter(names = "--json", description = "Print one JSON object instead of a report")
    boolean json;

    @Override
    public int run(CommandContext ctx) {
        String file = FileArguments.single(files, "verify");
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        Verification v = FileArguments.isDash(file)
                ? Verification.of(ctx.in(), FileArguments.STDIN_NAME, ctx.progress(), temp)
                : Verification.of(FileArguments.input(ctx, file), file, ctx.progress(), temp);
        ctx.out().print(json ? v.toJson() + "\n" : v.toText());
        if (v.ok()) return 0;
        ctx.out().flush();
        long total = v.problems().stream().mapToLong(Verification.Problem::count).sum();
        String kinds = v.problems().stream().map(Verification.Problem::kind).collect(Collectors.joining(", "));
        ctx.err().println("error: " + v.summary().file() + ": " + total + (total == 1 ? " problem" : " problems")
                + " found (" + kinds + "), see the report; docs/format.md explains each kind");
        return 1;
    }
}
