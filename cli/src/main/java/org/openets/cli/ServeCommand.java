package org.openets.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Starts the platform (the server's executable jar) in the foreground. The CLI never links the server: it runs
 * it as its own process, with the same Java. The embedded PostgreSQL listens on the port the other commands' default
 * {@code --url} names (54329, as start.sh), so {@code journal verify}, {@code users} and {@code caps} reach it as they are.
 */
@Command(name = "serve", description = "Start the platform: HTTP API and web UI (embedded PostgreSQL and demo data by default).")
final class ServeCommand implements Callable<Integer> {
    /** The embedded PostgreSQL's port: start.sh's, and the one in the other commands' default {@code --url}. */
    static final int DB_PORT = 54329;
    static final String JAR_ENV = "OPENETS_SERVER_JAR";
    private static final java.util.regex.Pattern SPRING_PROPERTY = java.util.regex.Pattern.compile("--[A-Za-z][A-Za-z0-9._\\[\\]-]*=.*", java.util.regex.Pattern.DOTALL);

    @Option(names = "--jar", paramLabel = "PATH", description = "the server jar (default: " + JAR_ENV + ", else server/target/openets-server-*.jar "
            + "of the installation this command runs from, else below the current directory)")
    Path jar;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--db-port", defaultValue = "" + DB_PORT, description = "port of the embedded PostgreSQL (default ${DEFAULT-VALUE}, the one the other "
            + "commands' default --url names; 0 = any free port)")
    int dbPort;

    // picocli sets a negatable option to the opposite of its default when its name is given: true by default, so its name is
    // the one that turns it off, and --demo (its negated form) keeps it on
    @Option(names = "--no-demo", defaultValue = "true", negatable = true, arity = "0", description = "load demo data into an empty database (default: yes; --no-demo: no)")
    boolean demo;

    @Option(names = "--dry-run", description = "print the command that starts the server instead of running it")
    boolean dryRun;

    @CommandLine.Parameters(arity = "0..*", paramLabel = "PROPERTY", description = "extra Spring properties, e.g. --openets.database.mode=external "
            + "(one given here replaces the value the options above set)")
    List<String> extra = new ArrayList<>();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0 to 65535, not " + port);
        if (dbPort < 0 || dbPort > 65535) throw new CommandLine.ParameterException(spec.commandLine(), "--db-port must be 0 to 65535, not " + dbPort);
        for (String e : extra)
            if (!SPRING_PROPERTY.matcher(e).matches())
                throw new CommandLine.ParameterException(spec.commandLine(), "'" + e + "' is neither an option of serve nor a Spring property (--name=value)");
        Path server;
        if (jar != null) {
            if (!Files.isRegularFile(jar)) return noJar("no server jar at " + jar + " (--jar)");
            server = jar;
        } else {
            String env = System.getenv(JAR_ENV);
            if (env != null && !env.isBlank()) {
                server = Path.of(env);
                if (!Files.isRegularFile(server)) return noJar("no server jar at " + env + " (" + JAR_ENV + ")");
            } else {
                List<Path> dirs = searched(installation(), Path.of("").toAbsolutePath());
                Optional<Path> found = find(dirs);
                if (found.isEmpty()) return noJar("no server jar (openets-server-*.jar) in " + String.join(", ", dirs.stream().map(Path::toString).toList()));
                server = found.get();
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = command(java, server);
        if (dryRun) {
            spec.commandLine().getOut().println(String.join(" ", cmd));
            spec.commandLine().getOut().flush();
            return OpenEts.DONE;
        }
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        return p.waitFor();
    }

    private int noJar(String what) {
        spec.commandLine().getErr().println("serve: " + what + "; build it with ./mvnw -pl server -am package -DskipTests, or name it with --jar PATH or "
                + JAR_ENV + "=PATH");
        return OpenEts.COULD_NOT_RUN;
    }

    /** The server's command line: its own properties, then the extra ones; a property given in both is the extra one's. */
    List<String> command(String java, Path server) {
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", server.toString()));
        Map<String, String> own = new java.util.LinkedHashMap<>();
        own.put("server.port", String.valueOf(port));
        own.put("openets.demo", String.valueOf(demo));
        own.put("openets.database.embedded-port", String.valueOf(dbPort));
        Set<String> given = new LinkedHashSet<>();
        for (String e : extra) given.add(e.substring(2).split("=", 2)[0]);
        own.forEach((k, v) -> { if (!given.contains(k)) cmd.add("--" + k + "=" + v); });
        cmd.addAll(extra);
        return cmd;
    }

    /**
     * Where a server jar is looked for: {@code server/target} of the installation (the directory holding this command's
     * {@code cli/}), then of the current directory.
     */
    static List<Path> searched(Optional<Path> installation, Path cwd) {
        Set<Path> dirs = new LinkedHashSet<>();
        installation.ifPresent(root -> dirs.add(root.resolve("server").resolve("target")));
        dirs.add(cwd.resolve("server").resolve("target"));
        return List.copyOf(dirs);
    }

    /** The newest {@code openets-server-*.jar} (not {@code -plain}, sources, javadoc or tests) in the first directory that has one. */
    static Optional<Path> find(List<Path> dirs) throws IOException {
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                Optional<Path> newest = files.filter(f -> {
                    String n = f.getFileName().toString();
                    return n.startsWith("openets-server-") && n.endsWith(".jar") && !n.endsWith("-plain.jar") && !n.endsWith("-sources.jar")
                            && !n.endsWith("-javadoc.jar") && !n.endsWith("-tests.jar") && Files.isRegularFile(f);
                }).max(Comparator.comparing((Path f) -> f.toFile().lastModified()).thenComparing(Path::toString));
                if (newest.isPresent()) return newest;
            }
        }
        return Optional.empty();
    }

    /**
     * The installation this command runs from: {@code bin/openets} runs {@code ROOT/cli/target/openets-cli-*.jar} (a build
     * runs {@code ROOT/cli/target/classes}), so ROOT is three directories above it.
     */
    static Optional<Path> installation() {
        try {
            var source = ServeCommand.class.getProtectionDomain().getCodeSource();
            if (source == null) return Optional.empty();
            return installation(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    static Optional<Path> installation(Path codeSource) {
        Path target = codeSource.toAbsolutePath().normalize().getParent();
        if (target == null || !target.getFileName().toString().equals("target")) return Optional.empty();
        Path cli = target.getParent();
        return cli == null || cli.getParent() == null ? Optional.empty() : Optional.of(cli.getParent());
    }
}
