package com.ukeybridge.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The facts a figure needs beside it: processors, CPU, memory, kernel, Java, and how busy the machine was. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        return String.format("%d processors (nproc), %s, %s RAM, Linux %s, Java %s (%s), load average at the end %s",
                Runtime.getRuntime().availableProcessors(), field("/proc/cpuinfo", "model name"), memory(),
                System.getProperty("os.version"), System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                loadAverage());
    }

    private static String field(String file, String name) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(name)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception ignored) {
            // not Linux: leave it unknown
        }
        return "unknown CPU";
    }

    private static String memory() {
        String total = field("/proc/meminfo", "MemTotal");
        try {
            return String.format("%.1f GB", Long.parseLong(total.split("\\s+")[0]) / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return "unknown";
        }
    }

    private static String loadAverage() {
        try {
            List<String> parts = List.of(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"));
            return String.join(" ", parts.subList(0, 3));
        } catch (Exception e) {
            return "unknown";
        }
    }
}
