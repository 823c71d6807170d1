package io.fedgate.hub.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoredContentTest {
    @Test
    void readersSeeTheValueOfTheNewestRunAtOrBeforeTheCommittedOne() {
        StoredContent first = new StoredContent(3, "three", 0, null);
        StoredContent second = first.then(5, "five");

        assertThat(second.asOf(5)).isEqualTo("five");
        assertThat(second.asOf(4)).as("run 5 not committed yet: the value before it").isEqualTo("three");
        assertThat(first.asOf(2)).as("before the piece existed").isSameAs(StoredContent.ABSENT);
        assertThat(second.asOf(2)).as("older than both values held: unknown").isNull();
    }

    @Test
    void aPieceChangedTwiceSinceTheCommittedRunIsNotHeldAsOfIt() {
        StoredContent twice = new StoredContent(3, "three", 0, null).then(5, "five").then(6, "six");

        assertThat(twice.asOf(4)).isNull();
        assertThat(twice.asOf(5)).isEqualTo("five");
    }

    @Test
    void aRemovedPieceIsAbsentFromItsRunOn() {
        StoredContent removed = new StoredContent(3, "three", 0, null).then(4, null);

        assertThat(removed.asOf(4)).isSameAs(StoredContent.ABSENT);
        assertThat(removed.asOf(3)).isEqualTo("three");
    }
}
