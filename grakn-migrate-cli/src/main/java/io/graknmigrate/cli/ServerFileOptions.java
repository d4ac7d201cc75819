package io.graknmigrate.cli;

import com.beust.jcommander.Parameter;

/** {@link ServerOptions} plus {@code --server-path}, for import and export: a file on the server's machine. */
public final class ServerFileOptions extends ServerOptions {

    @Parameter(names = "--server-path", placeholder = "PATH", description = "With --server: a file path ON THE SERVER'S machine. import: the server "
            + "opens the file itself, so it must be readable BY THE SERVER (default: the file argument made absolute). "
            + "export: the server writes the file there (for servers that cannot stream an export)")
    String path;

    @Override
    String serverPath() {
        return path;
    }
}
