package org.openets.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openets.cli.CliTesting.Run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code openets serve}: the embedded PostgreSQL on the port the other commands' default {@code --url} names, the
 * server jar found from wherever the command runs, a clear error when there is none. {@code --dry-run} shows the
 * command without starting a server.
 */
class ServeCommandTest {
    @TempDir Path dir;

    Path jar(Path at) throws IOException {
        Files.createDirectories(at.getParent());
        return Files.writeString(at, "not really a jar");
    }

    @Test void theEmbeddedDatabaseListensWhereTheOtherCommandsLookByDefault() throws IOException {
        Path server = jar(dir.resolve("openets-server-0.1.0-SNAPSHOT.jar"));
        Run r = CliTesting.run("serve", "--jar", server.toString(), "--dry-run");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).endsWith("-jar " + server + " --server.port=8080 --openets.demo=true --openets.database.embedded-port=54329");
        // the port of the other commands' default --url
        for (String c : List.of("journal verify", "users add", "users passwd", "users disable", "caps list", "caps set")) {
            picocli.CommandLine cl = OpenEts.commandLine();
            for (String w : c.split(" ")) cl = cl.getSubcommands().get(w);
            if (System.getenv("OPENETS_DATABASE_URL") == null)
                assertThat(cl.getCommandSpec().findOption("--url").defaultValue()).as(c).isEqualTo("jdbc:postgresql://localhost:" + ServeCommand.DB_PORT + "/postgres");
        }

        Run other = CliTesting.run("serve", "--jar", server.toString(), "--dry-run", "--port", "8081", "--db-port", "54330", "--no-demo",
                "--openets.database.data-dir=./data/pg2");
        assertThat(other.exit()).as(other.err()).isZero();
        assertThat(other.out().strip()).endsWith("--server.port=8081 --openets.demo=false --openets.database.embedded-port=54330 --openets.database.data-dir=./data/pg2");

        // --demo keeps the demo data on (it is on by default), --no-demo turns it off
        assertThat(CliTesting.run("serve", "--jar", server.toString(), "--dry-run", "--demo").out()).contains(" --openets.demo=true ");
        assertThat(CliTesting.run("serve", "--jar", server.toString(), "--dry-run", "--no-demo").out()).contains(" --openets.demo=false ");

        // a property given as such replaces the option's value instead of being given twice
        Run given = CliTesting.run("serve", "--jar", server.toString(), "--dry-run", "--openets.database.embedded-port=0");
        assertThat(given.out().strip()).endsWith("--server.port=8080 --openets.demo=true --openets.database.embedded-port=0")
                .containsOnlyOnce("embedded-port");

        assertThat(CliTesting.run("serve", "--jar", server.toString(), "--dry-run", "--db-port", "70000").exit()).isEqualTo(2);
    }

    @Test void noServerJarIsAClearErrorWithExitTwo() {
        Run r = CliTesting.run("serve", "--jar", dir.resolve("missing.jar").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("serve: no server jar at " + dir.resolve("missing.jar") + " (--jar)")
                .contains("build it with ./mvnw -pl server -am package -DskipTests, or name it with --jar PATH or OPENETS_SERVER_JAR=PATH");
        assertThat(r.out()).isEmpty();
    }

    @Test void theJarIsFoundBesideTheInstallationFromAnyDirectory() throws IOException {
        Path root = dir.resolve("openets"), elsewhere = Files.createDirectories(dir.resolve("somewhere/else"));
        Path cliJar = jar(root.resolve("cli/target/openets-cli-0.1.0-SNAPSHOT.jar"));
        jar(root.resolve("server/target/openets-server-0.1.0-SNAPSHOT-plain.jar"));
        Path server = jar(root.resolve("server/target/openets-server-0.1.0-SNAPSHOT.jar"));

        // bin/openets runs ROOT/cli/target/openets-cli-*.jar; a build runs ROOT/cli/target/classes
        assertThat(ServeCommand.installation(cliJar)).contains(root.toAbsolutePath());
        assertThat(ServeCommand.installation(root.resolve("cli/target/classes"))).contains(root.toAbsolutePath());
        assertThat(ServeCommand.installation(dir.resolve("lib/openets-cli.jar"))).isEmpty();

        List<Path> searched = ServeCommand.searched(ServeCommand.installation(cliJar), elsewhere);
        assertThat(searched).containsExactly(root.toAbsolutePath().resolve("server/target"), elsewhere.resolve("server/target"));
        assertThat(ServeCommand.find(searched)).contains(server.toAbsolutePath());
        assertThat(ServeCommand.find(ServeCommand.searched(Optional.empty(), elsewhere))).isEmpty();
        assertThat(ServeCommand.find(ServeCommand.searched(Optional.empty(), root))).contains(server);

        // this very command's installation is the repository it was built in
        assertThat(ServeCommand.installation()).contains(Path.of("").toAbsolutePath().getParent());
    }
}
