package org.openets.registrylog;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log must stay independent of the registry: it reads the journal format, never the registry's code. A plain
 * source scan, so the module needs no test dependency beyond JUnit and AssertJ.
 */
class ArchitectureTest {

    @Test
    void no_main_source_refers_to_the_registry_package() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String text = Files.readString(p);
                    return text.matches("(?s).*\\borg\\.openets\\.registry(\\.|;|\\b(?!log)).*");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(Path::toString).toList();
        }
        assertThat(offenders).isEmpty();
    }
}
