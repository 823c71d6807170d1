package io.fedgate.hubclient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {
    private static List<String> lines(String text, int max) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(new ByteArrayInputStream(text.getBytes(UTF_8)), max);
        List<String> lines = new ArrayList<>();
        byte[] line;
        while ((line = reader.readLine()) != null) {
            lines.add(new String(line, UTF_8));
        }
        return lines;
    }

    @Test
    void splitsOnNewlinesDroppingCarriageReturnsAndKeepsALastUnterminatedLine() throws IOException {
        assertThat(lines("a\r\n\nbc\nlast", 10)).containsExactly("a", "", "bc", "last");
    }

    @Test
    void lineOfExactlyTheLimitIsAccepted() throws IOException {
        assertThat(lines("12345\n", 5)).containsExactly("12345");
    }

    @Test
    void lineOverTheLimitIsRefusedWithoutReadingItWhole() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };

        assertThatThrownBy(() -> new BoundedLineReader(endless, 1000).readLine())
                .isInstanceOf(BoundedLineReader.LineTooLongException.class).hasMessage("line longer than 1000 bytes");
    }

    @Test
    void linesSpanningChunksAreJoined() throws IOException {
        String longLine = "y".repeat(150_000);

        assertThat(lines(longLine + "\nz\n", 200_000)).containsExactly(longLine, "z");
    }
}
