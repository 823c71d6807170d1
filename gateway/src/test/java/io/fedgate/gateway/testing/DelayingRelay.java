package io.fedgate.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay that delays every chunk by a fixed time in each direction, preserving order: the honest way to
 * make one peer slow where {@code tc netem} is not available. Run in the wan namespace:
 * {@code DelayingRelay <delayMillis> <listenIp>:<port>=<targetIp>:<port>...}; prints {@code READY} once
 * listening.
 */
public final class DelayingRelay {
    private DelayingRelay() {
    }

    private record Chunk(byte[] data, long dueNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(dueNanos, ((Chunk) o).dueNanos);
        }
    }

    public static void main(String[] args) throws Exception {
        long delayNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[0]));
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("=");
            InetSocketAddress listen = address(pair[0]);
            InetSocketAddress target = address(pair[1]);
            ServerSocket server = new ServerSocket();
            server.bind(listen);
            new Thread(() -> accept(server, target, delayNanos)).start();
        }
        System.out.println("READY");
        System.out.flush();
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static void accept(ServerSocket server, InetSocketAddress target, long delayNanos) {
        while (true) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 3000);
                pump(client, upstream, delayNanos);
                pump(upstream, client, delayNanos);
            } catch (IOException e) {
                // an unreachable target refuses this connection only; keep accepting
            }
        }
    }

    private static void pump(Socket from, Socket to, long delayNanos) {
        DelayQueue<Chunk> queue = new DelayQueue<>();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buf)) != -1) {
                    queue.put(new Chunk(Arrays.copyOf(buf, n), System.nanoTime() + delayNanos));
                }
            } catch (IOException e) {
                // connection ended
            }
            queue.put(new Chunk(new byte[0], System.nanoTime() + delayNanos));
        });
        Thread writer = new Thread(() -> {
            try (OutputStream out = to.getOutputStream()) {
                while (true) {
                    Chunk c = queue.take();
                    if (c.data().length == 0) {
                        to.shutdownOutput();
                        return;
                    }
                    out.write(c.data());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // connection ended
            }
        });
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }
}
