package com.retailintelligence.importing;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The import command's progress: on a terminal a bar redrawn in place (rows, rows/s, ETA) five times a second;
 * otherwise (a log, CI) a plain line every 5 seconds. Refused rows are printed as they are found, above the bar.
 */
final class ImportTerminal {

    private static final int WIDTH = 30;

    private final boolean console;
    private final PrintStream out;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "import-progress");
        thread.setDaemon(true);
        return thread;
    });
    private ImportProgress progress;
    private boolean barShown;

    ImportTerminal(boolean console, PrintStream out) {
        this.console = console;
        this.out = out;
    }

    void start(ImportProgress progress) {
        this.progress = progress;
        long every = console ? 200 : 5000;
        ticker.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    synchronized void rejected(Rejection rejection) {
        clearBar();
        out.println("rejected " + rejection);
    }

    void stop() {
        ticker.shutdownNow();
        synchronized (this) {
            if (barShown) {
                out.print("\r" + line() + "\n");
                barShown = false;
            }
            out.flush();
        }
    }

    private synchronized void tick() {
        if (console) {
            out.print("\r" + line() + "\u001B[K");
            barShown = true;
        } else {
            out.println(line());
        }
        out.flush();
    }

    private void clearBar() {
        if (barShown) {
            out.print("\r\u001B[K");
            barShown = false;
        }
    }

    /** e.g. "[##########..........]  33%  400,000 / 1,200,000 rows  52,310 rows/s  ETA 0:15  (12 rejected)". */
    String line() {
        long read = progress.read();
        long total = progress.total();
        double rate = progress.rowsPerSecond();
        StringBuilder line = new StringBuilder();
        if (total > 0) {
            double share = Math.min(1.0, (double) read / total);
            int filled = (int) Math.round(share * WIDTH);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%  %,d / %,d rows", Math.round(share * 100), read, total));
        } else {
            line.append(String.format(Locale.ROOT, "%,d rows", read));
        }
        line.append(String.format(Locale.ROOT, "  %,.0f rows/s", rate));
        if (total > 0 && rate > 0 && read < total) {
            line.append("  ETA ").append(clock(Duration.ofSeconds(Math.round((total - read) / rate))));
        }
        if (progress.rejected() > 0) {
            line.append(String.format(Locale.ROOT, "  (%,d rejected)", progress.rejected()));
        }
        return line.toString();
    }

    private static String clock(Duration duration) {
        long seconds = duration.getSeconds();
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
