package io.fedgate.hub.it;

import com.hazelcast.map.EntryProcessor;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What an attacker would send a member to run code there: a class on the member's classpath (this test's) whose
 * {@code readObject} has an effect, here writing {@link #marker}. Sent as a map value and as an entry processor by
 * {@link RogueClient}; a member that deserialized it leaves the marker file behind.
 */
final class MarkerOnDeserialize implements EntryProcessor<Object, Object, Object> {
    private static final long serialVersionUID = 1L;

    private final String marker;

    MarkerOnDeserialize(Path marker) {
        this.marker = marker.toString();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        Files.writeString(Path.of(marker), "deserialized in process " + ProcessHandle.current().pid());
    }

    @Override
    public Object process(Map.Entry<Object, Object> entry) {
        return null;
    }
}
