package org.openets.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Starts the platform (the server's executable jar) in the foreground. The CLI never links the server: it runs
 * it as its own process, with the same Java.
 */
@Command(name = "serve", description = "Start the platform: HTTP API and web UI (embedded PostgreSQL and demo data by default).")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--jar", description = "the server jar (default: server/target/openets-server-*.jar below the current directory)")
    Path jar;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--demo", defaultValue = "true", negatable = true, description = "load demo data into an empty database (default ${DEFAULT-VALUE})")
    boolean demo;

    @CommandLine.Parameters(arity = "0..*", description = "extra Spring properties, e.g. --openets.database.mode=external")
    List<String> extra = new ArrayList<>();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws Exception {
        Path server = jar != null ? jar : findJar();
        if (server == null || !Files.isRegularFile(server)) {
            spec.commandLine().getErr().println("serve: no server jar found" + (jar != null ? " at " + jar : " under server/target") + "; build it with ./mvnw -pl server -am package");
            return 2;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", server.toString(), "--server.port=" + port, "--openets.demo=" + demo));
        cmd.addAll(extra);
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        return p.waitFor();
    }

    private static Path findJar() {
        File dir = new File("server/target");
        File[] jars = dir.listFiles((d, n) -> n.startsWith("openets-server-") && n.endsWith(".jar") && !n.endsWith("-plain.jar"));
        return jars == null || jars.length == 0 ? null : jars[0].toPath();
    }
}
