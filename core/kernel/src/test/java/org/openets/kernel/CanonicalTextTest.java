package org.openets.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalTextTest {
    @Test void jsonStringEscapesQuotesBackslashesAndControlCharacters() {
        assertThat(CanonicalText.jsonString(null)).isEqualTo("null");
        assertThat(CanonicalText.jsonString("")).isEqualTo("\"\"");
        assertThat(CanonicalText.jsonString("广东 \"A\\B\"")).isEqualTo("\"广东 \\\"A\\\\B\\\"\"");
        assertThat(CanonicalText.jsonString("a\nb\rc\td\u0001")).isEqualTo("\"a\\nb\\rc\\td\\u0001\"");
    }

    @Test void textPercentEncodesTheSeparatorAndLineBreaks() {
        assertThat(CanonicalText.text("Li | Wei 100%\n")).isEqualTo("Li %7C Wei 100%25%0A");
        assertThat(CanonicalText.text(null)).isEmpty();
    }
}
