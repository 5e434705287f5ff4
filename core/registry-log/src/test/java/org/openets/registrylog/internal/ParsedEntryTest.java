package org.openets.registrylog.internal;

import org.junit.jupiter.api.Test;
import org.openets.kernel.SerialRange;
import org.openets.registrylog.EntryType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParsedEntryTest {

    @Test
    void parses_every_field_and_decodes_free_text() {
        String line = "v1|8|108|batch-7:2|RETIRE|11|98|1|CEA/2024|15|51-60,71-75|0|0|1700000008000|ACME %7C 100%25%0ALtd%0D|offset";
        ParsedEntry e = ParsedEntry.parse(line);

        assertThat(e).isEqualTo(new ParsedEntry(8, 108, "batch-7:2", EntryType.RETIRE, 11, 98, 1, "CEA/2024", 15,
                List.of(new SerialRange(51, 60), new SerialRange(71, 75)), 0, 0, 1_700_000_008_000L, "ACME | 100%\nLtd\r", "offset"));
        assertThat(e.canonical()).isEqualTo(line);
        assertThat(e.accounts()).containsExactly(11L, 98L);
    }

    @Test
    void rejects_what_the_registry_could_not_have_written() {
        String ok = "v1|2|102|cmd-102|TRANSFER|1|10|1|CEA/2024|5|1-5|0|0|1700000002000||";
        assertThat(ParsedEntry.parse(ok).quantity()).isEqualTo(5);
        for (String bad : List.of(
                ok.replace("v1|", "v2|"),
                ok.replace("|5|1-5|", "|05|1-5|"),
                ok.replace("|5|1-5|", "|5|0-4|"),
                ok.replace("|5|1-5|", "|5|1-5,|"),
                ok.replace("|5|1-5|", "|5|1-1000000000000|"),
                ok.replace("|1|10|", "|-1|10|"),
                ok.replace("cmd-102", "cmd 102"),
                ok.replace("TRANSFER", "transfer"),
                ok + "|",
                ok.replace("||", "|%7c|"),
                ok.replace("||", "|a\nb|")))
            assertThatThrownBy(() -> ParsedEntry.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hashes_as_the_format_specifies() throws Exception {
        String zeros = "0".repeat(64);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((zeros + "\nv1|0|genesis").getBytes(StandardCharsets.UTF_8)));
        assertThat(Canonical.chain(zeros, "v1|0|genesis")).isEqualTo(expected).matches("[0-9a-f]{64}");
        assertThat(Canonical.decode(Canonical.encode("100% | ok\r\n"))).isEqualTo("100% | ok\r\n");
    }

    @Test
    void a_serial_set_merges_touching_runs() {
        SerialSet s = new SerialSet(List.of(new SerialRange(1, 10), new SerialRange(21, 30)));
        s.add(new SerialRange(11, 20));
        assertThat(s.ranges()).containsExactly(new SerialRange(1, 30));
        s.add(new SerialRange(40, 50));
        s.add(new SerialRange(35, 45));
        assertThat(s.ranges()).containsExactly(new SerialRange(1, 30), new SerialRange(35, 50));
        assertThat(s.containsAll(new SerialRange(5, 25))).isTrue();
        assertThat(s.containsAll(new SerialRange(25, 36))).isFalse();
        assertThat(s.overlaps(new SerialRange(31, 34))).isFalse();
        assertThat(s.overlaps(new SerialRange(31, 35))).isTrue();
        assertThat(s.overlaps(new SerialRange(60, 70))).isFalse();
        assertThat(SerialSet.normalise(List.of(new SerialRange(6, 9), new SerialRange(1, 5)))).containsExactly(new SerialRange(1, 9));
    }
}
