package com.retailintelligence.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own — {@code initdb} into a temporary folder, {@code pg_ctl} on a free port
 * — for tests that stop and start the database. The machine's shared server is never touched. Runs the server
 * as user {@code postgres} when the tests run as root (PostgreSQL refuses to run as root).
 */
public final class PrivatePostgres implements AutoCloseable {

    private final Path dir;
    private final Path data;
    private final int port;
    private final String bin;

    private PrivatePostgres(Path dir, int port, String bin) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.bin = bin;
    }

    /** Creates a cluster (trust authentication, superuser {@code postgres}), starts it and returns it. */
    public static PrivatePostgres start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("retail-pg-");
        PrivatePostgres postgres = new PrivatePostgres(dir, freePort(), binDir());
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
        }
        postgres.pg(List.of(postgres.bin + "/initdb", "-D", postgres.data.toString(), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
        postgres.start(false);
        return postgres;
    }

    public int port() {
        return port;
    }

    /** Starts the stopped server and waits until it accepts connections. */
    public void startAgain() throws IOException, InterruptedException {
        start(true);
    }

    private void start(boolean again) throws IOException, InterruptedException {
        pg(List.of(bin + "/pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start"));
    }

    /** Stops the server at once, as a crash would ({@code -m immediate}: no checkpoint; recovery on the next start). */
    public void stopAbruptly() throws IOException, InterruptedException {
        pg(List.of(bin + "/pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"));
    }

    /** A JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Runs SQL as the superuser on a database of this server. */
    public void execute(String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            pg(List.of(bin + "/pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"));
        } catch (IOException e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full, true);
    }

    private static void run(List<String> command, boolean quiet) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest installed PostgreSQL's binaries (Debian: /usr/lib/postgresql/N/bin). */
    private static String binDir() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin")).filter(bin -> Files.exists(bin.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IOException("no initdb under /usr/lib/postgresql")).toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
