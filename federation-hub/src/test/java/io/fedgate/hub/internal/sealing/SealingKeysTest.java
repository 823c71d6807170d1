package io.fedgate.hub.internal.sealing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealingKeysTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static SealingKeys parse(String text) {
        return SealingKeys.parse(text.getBytes(UTF_8), "keys");
    }

    @Test
    void firstKeySealsAndEveryKeyIsHeld() {
        SealingKeys keys = parse("# rotated 2024\n" + SealingKeys.newKeyLine("new", RANDOM) + "\n\n"
                + SealingKeys.newKeyLine("old", RANDOM) + "\n");

        assertThat(keys.active()).isEqualTo("new");
        assertThat(keys.ids()).containsExactly("new", "old");
        assertThat(keys.toString()).doesNotContain(Base64.getEncoder().encodeToString(keys.keys().get("new").getEncoded()));
    }

    @Test
    void badLinesAreNamedWithoutTheirKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> parse("k1:" + shortKey)).hasMessage("keys:1: key \"k1\" has 16 bytes, not 32");
        assertThatThrownBy(() -> parse("\nk1:not base64!")).hasMessage("keys:2: key \"k1\" is not base64");
        assertThatThrownBy(() -> parse("no colon")).hasMessageStartingWith("keys:1: expected <id>:<base64 key>");
        String line = SealingKeys.newKeyLine("k1", RANDOM);
        assertThatThrownBy(() -> parse(line + "\n" + line)).hasMessage("keys:2: key id \"k1\" appears twice");
        assertThatThrownBy(() -> parse("# nothing\n")).hasMessageContaining("holds no key");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> SealingKeys.load(dir.resolve("absent"))).hasMessage(dir.resolve("absent") + ": no such file");
    }

    @Test
    void generatedFileIsOwnerOnlyAndKeptWhenPresent(@TempDir Path dir) throws Exception {
        Path file = SealingKeys.createIfAbsent(dir.resolve("sub/keys"));
        String first = Files.readString(file);

        assertThat(SealingKeys.load(file).ids()).containsExactly("k1");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(SealingKeys.createIfAbsent(file))).isEqualTo(first);
    }
}
