package io.fedgate.gateway.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client process for system tests, run in the client cluster's namespace. Modes:
 * <ul>
 *   <li>{@code rate <host> <port> <perSecond> <millis>}: opens new connections at a fixed rate; each reads the
 *       serving backend's greeting and closes; prints {@code <epochMillis> ok <cluster>} or
 *       {@code <epochMillis> fail <reason>} per connection, then {@code DONE};</li>
 *   <li>{@code hold <host> <port> <count>}: opens and keeps {@code count} connections (each checked with one echo),
 *       prints {@code HELD <n> FAILED <m>}; at each {@code CHECK} line on stdin echoes once more on every held
 *       connection and prints {@code CHECKED <ok> FAILED <m>}; closes them all when stdin ends.</li>
 * </ul>
 */
public final class FlowClient {
    private static final int TIMEOUT_MILLIS = 3000;

    private FlowClient() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress target = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
        if (args[0].equals("rate")) {
            rate(target, Integer.parseInt(args[3]), Long.parseLong(args[4]));
        } else {
            hold(target, Integer.parseInt(args[3]));
        }
    }

    private static void rate(InetSocketAddress target, int perSecond, long millis) throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newFixedThreadPool(64);
        long periodMicros = 1_000_000L / perSecond;
        long count = millis * perSecond / 1000;
        AtomicInteger started = new AtomicInteger();
        ticker.scheduleAtFixedRate(() -> {
            if (started.incrementAndGet() <= count) {
                workers.execute(() -> System.out.println(once(target)));
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        Thread.sleep(millis);
        ticker.shutdownNow();
        workers.shutdown();
        workers.awaitTermination(TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS);
        System.out.println("DONE");
        System.out.flush();
    }

    private static String once(InetSocketAddress target) {
        long start = System.currentTimeMillis();
        try (Socket s = new Socket()) {
            s.setSoTimeout(TIMEOUT_MILLIS);
            s.connect(target, TIMEOUT_MILLIS);
            String greeting = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return start + (greeting == null ? " fail closed-without-greeting" : " ok " + greeting);
        } catch (IOException e) {
            return start + " fail " + e.getClass().getSimpleName();
        }
    }

    private static boolean echoes(Socket s) {
        try {
            s.getOutputStream().write('y');
            return s.getInputStream().read() == 'y';
        } catch (IOException e) {
            return false;
        }
    }

    private static void hold(InetSocketAddress target, int count) throws Exception {
        List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        for (int i = 0; i < count; i++) {
            pool.execute(() -> {
                try {
                    Socket s = new Socket();
                    s.setSoTimeout(10_000);
                    s.connect(target, 10_000);
                    byte[] line = new byte[64];
                    int n = 0;
                    int b;
                    while ((b = s.getInputStream().read()) != -1 && b != '\n' && n < line.length) {
                        line[n++] = (byte) b;
                    }
                    s.getOutputStream().write('x');
                    if (s.getInputStream().read() != 'x') {
                        throw new IOException("no echo");
                    }
                    held.add(s);
                } catch (IOException e) {
                    failed.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        System.out.println("HELD " + held.size() + " FAILED " + failed.get());
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String command; (command = commands.readLine()) != null; ) {
            if (command.equals("CHECK")) {
                int ok = 0;
                for (Socket s : held) {
                    ok += echoes(s) ? 1 : 0;
                }
                System.out.println("CHECKED " + ok + " FAILED " + (held.size() - ok));
                System.out.flush();
            }
        }
        for (Socket s : held) {
            s.close();
        }
    }
}
