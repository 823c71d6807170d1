package io.fedgate.hub.it;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An attacker on the hub's Hazelcast network, as a separate JVM: a plain Hazelcast client with nothing but the
 * cluster name and a member's address (no sealing key). {@code RogueClient ADDRESS CLUSTER COMMAND ARGS}:
 * <ul>
 *   <li>{@code dump SECRET...}: every {@code fedgate.*} map: {@code MAP name size}, per entry {@code KEYID map key
 *       id} (the envelope's clear key id), and {@code LEAK map key} when a key or value shows a PEM private key
 *       or one of the secrets;</li>
 *   <li>{@code get MAP KEY FILE}: saves an entry's stored bytes; {@code put MAP KEY FILE}: stores bytes.</li>
 *   <li>{@code put-object MAP KEY MARKER}: stores a {@link MarkerOnDeserialize} as the entry's value;
 *       {@code execute MAP KEY MARKER}: runs one as an entry processor on the entry's owner, printing
 *       {@code REFUSED <error>} when the member refuses it.</li>
 * </ul>
 */
public final class RogueClient {
    private RogueClient() {
    }

    public static void main(String[] args) throws Exception {
        ClientConfig config = new ClientConfig();
        config.setClusterName(args[1]);
        config.getNetworkConfig().addAddress(args[0]);
        config.setProperty("hazelcast.logging.type", "none");
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        try {
            switch (args[2]) {
                case "dump" -> dump(client, Arrays.asList(args).subList(3, args.length));
                case "get" -> Files.write(Path.of(args[5]), (byte[]) client.<String, Object>getMap(args[3]).get(args[4]));
                case "put" -> client.<String, Object>getMap(args[3]).set(args[4], Files.readAllBytes(Path.of(args[5])));
                case "put-object" -> client.<String, Object>getMap(args[3]).set(args[4],
                        new MarkerOnDeserialize(Path.of(args[5])));
                case "execute" -> execute(client.getMap(args[3]), args[4], new MarkerOnDeserialize(Path.of(args[5])));
                default -> throw new IllegalArgumentException("unknown command " + args[2]);
            }
            System.out.println("DONE");
        } finally {
            client.shutdown();
        }
    }

    private static void execute(IMap<Object, Object> map, String key, MarkerOnDeserialize processor) {
        try {
            map.executeOnKey(key, processor);
            System.out.println("EXECUTED");
        } catch (RuntimeException e) {
            System.out.println("REFUSED " + e);
        }
    }

    private static void dump(HazelcastInstance client, List<String> secrets) {
        for (DistributedObject object : client.getDistributedObjects()) {
            if (!(object instanceof IMap<?, ?> map) || !object.getName().startsWith("fedgate.")) {
                continue;
            }
            System.out.println("MAP " + map.getName() + " " + map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                byte[] value = entry.getValue() instanceof byte[] bytes ? bytes
                        : String.valueOf(entry.getValue()).getBytes(StandardCharsets.UTF_8);
                String text = new String(value, StandardCharsets.ISO_8859_1);
                if (value.length > 2 && value[0] == 1) {
                    System.out.println("KEYID " + map.getName() + " " + key + " "
                            + new String(value, 2, value[1], StandardCharsets.US_ASCII));
                }
                boolean leaks = text.contains("PRIVATE KEY") || secrets.stream().anyMatch(s -> text.contains(s)
                        || key.contains(s));
                if (leaks) {
                    System.out.println("LEAK " + map.getName() + " " + key);
                }
            }
        }
    }
}
