package org.openets.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the CPU went during a measured window, in cores (1.0 = one core busy the whole window): the whole machine
 * from /proc/stat (user, nice, system, irq, softirq; steal reported apart), all {@code postgres} processes (their
 * utime + stime from /proc/PID/stat, which includes other databases' backends on a shared machine), this JVM
 * (clients, registry code, JDBC driver) and the ledger's single writer thread.
 */
record CpuSample(long wallNanos, long[] machineTicks, Map<Long, Long> postgresTicks, long jvmCpuNanos, long writerCpuNanos) {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    static CpuSample now() {
        long[] machine = new long[8];
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            for (int i = 1; i <= 8 && i < f.length; i++) machine[i - 1] = Long.parseLong(f[i]);
        } catch (IOException | RuntimeException e) {
            machine = null;
        }
        Map<Long, Long> pg = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int open = stat.indexOf('('), close = stat.lastIndexOf(')');
                    if (!stat.substring(open + 1, close).equals("postgres")) continue;
                    String[] f = stat.substring(close + 2).split(" ");
                    pg.put(Long.parseLong(p.getFileName().toString()), Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            pg = null;
        }
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
        long writer = -1;
        for (Thread t : Thread.getAllStackTraces().keySet())
            if (t.getName().equals("ledger-writer")) writer = THREADS.getThreadCpuTime(t.threadId());
        return new CpuSample(System.nanoTime(), machine, pg, jvm, writer);
    }

    /** CPU use between {@code earlier} and this sample. */
    Use since(CpuSample earlier) {
        double wall = (wallNanos - earlier.wallNanos) / 1e9;
        double machine = Double.NaN, steal = Double.NaN;
        if (machineTicks != null && earlier.machineTicks != null) {
            long[] d = new long[8];
            long total = 0;
            for (int i = 0; i < 8; i++) total += d[i] = machineTicks[i] - earlier.machineTicks[i];
            if (total > 0) {
                machine = CORES * (double) (d[0] + d[1] + d[2] + d[5] + d[6]) / total;
                steal = CORES * (double) d[7] / total;
            }
        }
        double postgres = Double.NaN;
        if (postgresTicks != null && earlier.postgresTicks != null) {
            long ticks = 0;
            for (Map.Entry<Long, Long> e : postgresTicks.entrySet()) ticks += e.getValue() - earlier.postgresTicks.getOrDefault(e.getKey(), 0L);
            postgres = ticks / TICKS_PER_SECOND / wall;
        }
        double jvm = earlier.jvmCpuNanos < 0 ? Double.NaN : (jvmCpuNanos - earlier.jvmCpuNanos) / 1e9 / wall;
        double writer = earlier.writerCpuNanos < 0 || writerCpuNanos < 0 ? Double.NaN : (writerCpuNanos - earlier.writerCpuNanos) / 1e9 / wall;
        return new Use(CORES, machine, steal, postgres, jvm, writer);
    }

    record Use(int cores, double machine, double steal, double postgres, double jvm, double writer) {
        @Override public String toString() {
            return String.format(java.util.Locale.ROOT, "cpu_machine=%.2f/%d cpu_postgres=%.2f cpu_jvm=%.2f cpu_writer=%.2f cpu_other=%.2f cpu_steal=%.2f",
                    machine, cores, postgres, jvm, writer, machine - postgres - jvm, steal);
        }
    }
}
