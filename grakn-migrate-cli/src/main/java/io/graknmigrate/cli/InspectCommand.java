package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.graknmigrate.format.Summary;

import java.util.ArrayList;
import java.util.List;

@Parameters(commandNames = "inspect", commandDescription = "Summarise a .grakn file (- for stdin): header, counts per kind and label, checksums")
final class InspectCommand implements Command {

    @ParametersDelegate
    CommonOptions common = new CommonOptions();

    @Parameter(description = "<file|->")
    List<String> files = new ArrayList<>();

    @Parameter(names = "--json", description = "Print one JSON object instead of a table")
    boolean json;

    @Override
    public int run(CommandContext ctx) {
        String file = FileArguments.single(files, "inspect");
        Summary summary = FileArguments.isDash(file)
                ? Summary.of(ctx.in(), FileArguments.STDIN_NAME, ctx.progress())
                : Summary.of(FileArguments.input(ctx, file), file, ctx.progress());
        ctx.out().print(json ? summary.toJson() + "\n" : summary.toText());
        return 0;
    }
}
