package org.openets.cli.allocation;

import org.openets.allocation.AllocationException;
import org.openets.allocation.PopulationReader;
import org.openets.allocation.Problem;
import org.openets.allocation.UnitInput;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A population file's bytes as units: strict UTF-8 (a byte-order mark allowed), then {@link PopulationReader}
 * (docs/reference/allocation-population.md). Any problem: {@link AllocationException} with every problem found.
 */
public final class PopulationFile {
    private PopulationFile() {}

    public static List<UnitInput> read(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            String lenient = new String(bytes, StandardCharsets.UTF_8);
            int line = 1;
            for (int i = 0; i < lenient.length() && lenient.charAt(i) != '\uFFFD'; i++) if (lenient.charAt(i) == '\n') line++;
            throw new AllocationException(List.of(new Problem(line, "", "", Problem.Code.BAD_FORMAT, "the file is not UTF-8 text")));
        }
        return PopulationReader.read(text);
    }
}
