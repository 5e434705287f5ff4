package org.openets.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** What the batch commands share about the files they read and write. */
public final class OutputFiles {
    private OutputFiles() { }

    /** Puts a finished temporary file in the target's place, atomically where the file system can. */
    public static void replace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** An I/O failure as one line for a person: the missing file's name, else the exception's message. */
    public static String describe(Exception e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof NoSuchFileException n) return "no such file: " + n.getFile();
        if (t.getClass() == IOException.class) return t.getMessage();
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
