package io.fedgate.hub.internal.sealing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StateSealerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String K1 = SealingKeys.newKeyLine("k1", RANDOM);
    private static final String K2 = SealingKeys.newKeyLine("k2", RANDOM);
    private static final byte[] SECRET = "-----BEGIN PRIVATE KEY----- secret".getBytes(UTF_8);

    private static StateSealer sealer(String... lines) {
        return new StateSealer(SealingKeys.parse(String.join("\n", lines).getBytes(UTF_8), "keys"));
    }

    private static IntegrityFailure.Reason refusal(Runnable open) {
        try {
            open.run();
        } catch (IntegrityFailure failure) {
            return failure.reason();
        }
        throw new AssertionError("opened");
    }

    @Test
    void sealedValueOpensForItsMapAndKeyAndHidesThePlaintext() {
        StateSealer sealer = sealer(K1);
        byte[] envelope = sealer.seal("fedgate.ca", "ca", SECRET);

        assertThat(sealer.open("fedgate.ca", "ca", envelope)).isEqualTo(SECRET);
        assertThat(new String(envelope, UTF_8)).doesNotContain("PRIVATE KEY", "secret");
        assertThat(StateSealer.keyIdOf(envelope)).isEqualTo("k1");
        assertThat(sealer.seal("fedgate.ca", "ca", SECRET)).as("random nonce").isNotEqualTo(envelope);
    }

    @Test
    void flippedBitAnywhereFailsTheTag() {
        StateSealer sealer = sealer(K1);
        byte[] envelope = sealer.seal("fedgate.tokens", "abc", SECRET);
        for (int i = 4; i < envelope.length; i++) {
            byte[] flipped = envelope.clone();
            flipped[i] ^= 0x01;
            assertThat(refusal(() -> sealer.open("fedgate.tokens", "abc", flipped))).as("byte " + i)
                    .isEqualTo(IntegrityFailure.Reason.BAD_TAG);
        }
    }

    @Test
    void valueCopiedToAnotherKeyOrMapIsRefused() {
        StateSealer sealer = sealer(K1);
        byte[] envelope = sealer.seal("fedgate.tokens", "real", SECRET);

        assertThat(refusal(() -> sealer.open("fedgate.tokens", "made-up", envelope)))
                .isEqualTo(IntegrityFailure.Reason.BAD_TAG);
        assertThat(refusal(() -> sealer.open("fedgate.inventories", "real", envelope)))
                .isEqualTo(IntegrityFailure.Reason.BAD_TAG);
    }

    @Test
    void memberWithAnotherKeyOfTheSameIdCannotOpen() {
        byte[] envelope = sealer(K1).seal("fedgate.ca", "ca", SECRET);

        assertThat(refusal(() -> sealer(SealingKeys.newKeyLine("k1", RANDOM)).open("fedgate.ca", "ca", envelope)))
                .isEqualTo(IntegrityFailure.Reason.BAD_TAG);
    }

    @Test
    void relabellingTheKeyIdIsRefused() {
        StateSealer sealer = sealer(K1, K2);
        byte[] envelope = sealer.seal("fedgate.ca", "ca", SECRET);
        byte[] relabelled = envelope.clone();
        relabelled[3] = '2';

        assertThat(refusal(() -> sealer.open("fedgate.ca", "ca", relabelled))).isEqualTo(IntegrityFailure.Reason.BAD_TAG);
    }

    @Test
    void valueSealedUnderARetiredKeyIsRefusedNamingTheKeyId() {
        StateSealer sealer = sealer(K1);
        byte[] before = sealer.seal("fedgate.leases", "east", SECRET);
        sealer.install(SealingKeys.parse((K2 + "\n" + K1).getBytes(UTF_8), "keys"));
        byte[] after = sealer.seal("fedgate.leases", "east", SECRET);

        assertThat(StateSealer.keyIdOf(after)).isEqualTo("k2");
        assertThat(sealer.open("fedgate.leases", "east", before)).as("old key still held").isEqualTo(SECRET);

        sealer.install(SealingKeys.parse(K2.getBytes(UTF_8), "keys"));
        assertThat(sealer.open("fedgate.leases", "east", after)).isEqualTo(SECRET);
        assertThatThrownBy(() -> sealer.open("fedgate.leases", "east", before)).isInstanceOf(IntegrityFailure.class)
                .hasMessageContaining("fedgate.leases entry \"east\"").hasMessageContaining("key id \"k1\"")
                .satisfies(e -> assertThat(((IntegrityFailure) e).reason()).isEqualTo(IntegrityFailure.Reason.UNKNOWN_KEY));
    }

    @Test
    void truncatedOrForeignBytesAreMalformed() {
        StateSealer sealer = sealer(K1);
        byte[] envelope = sealer.seal("fedgate.audit", "1", SECRET);

        assertThat(refusal(() -> sealer.open("fedgate.audit", "1", Arrays.copyOf(envelope, 20))))
                .isEqualTo(IntegrityFailure.Reason.MALFORMED);
        assertThat(refusal(() -> sealer.open("fedgate.audit", "1", new byte[0])))
                .isEqualTo(IntegrityFailure.Reason.MALFORMED);
        assertThat(refusal(() -> sealer.open("fedgate.audit", "1", "{\"seq\":1}".getBytes(UTF_8))))
                .isEqualTo(IntegrityFailure.Reason.MALFORMED);
    }

    @Test
    void tokenKeysAreKeyedHashesOnePerSealingKeyActiveFirst() {
        StateSealer one = sealer(K1);
        StateSealer rotated = sealer(K2, K1);
        String token = "fgt_" + "a".repeat(43);

        assertThat(one.tokenKeys(token)).hasSize(1).allSatisfy(k -> assertThat(k).hasSize(64).doesNotContain("aaaa"));
        assertThat(rotated.tokenKeys(token)).hasSize(2).element(1).isEqualTo(one.tokenKeys(token).get(0));
        assertThat(sealer(SealingKeys.newKeyLine("k1", RANDOM)).tokenKeys(token)).as("no guessing without the key")
                .doesNotContainAnyElementsOf(one.tokenKeys(token));
    }
}
