package com.retailintelligence.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Packaged instances of the service sharing a fresh PostgreSQL database (migrated as the owner, run as the service
 * role), Redis database 1 under a key prefix of their own, and one set of JWT keys: replicas, as the *IT tests need
 * them. Closing stops them and drops the database and the keys.
 */
public final class PackagedInstances implements AutoCloseable {

    private final String database;
    private final List<ServiceProcess> instances = new ArrayList<>();
    private Map<String, String> environment = Map.of();
    private String name;

    private PackagedInstances(String database) {
        this.database = database;
    }

    /** Starts {@code count} instances (logs named after {@code name}) and waits until each is ready. */
    public static PackagedInstances start(String name, int count, String adminPassword, Map<String, String> extraEnvironment)
            throws Exception {
        String database = "retail_it_" + name.replaceAll("[^a-z0-9]", "") + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        PackagedInstances started = new PackagedInstances(database);
        sql("postgres", "CREATE DATABASE " + database);
        LocalServices.createRoles();
        Map<String, String> env = new HashMap<>(JwtKeyFiles.create().environment());
        env.put("DATABASE_URL", "postgresql://" + LocalServices.SERVICE_ROLE + "@127.0.0.1:5432/" + database);
        env.put("DATABASE_MIGRATION_URL", "postgresql://postgres@127.0.0.1:5432/" + database);
        env.put("REDIS_URL", "redis://127.0.0.1:6379/1");
        env.put("RETAIL_AGGREGATES_KEY_PREFIX", database + ":");
        env.put("RETAIL_ADMIN_PASSWORD", adminPassword);
        env.putAll(extraEnvironment);
        started.environment = Map.copyOf(env);
        started.name = name;
        for (int i = 0; i < count; i++) {
            started.instances.add(new ServiceProcess(env, name).launch());
        }
        for (ServiceProcess instance : started.instances) {
            instance.awaitReady();
        }
        return started;
    }

    /** Starts one more instance on the same database and Redis prefix, with some variables changed (a rolling update). */
    public ServiceProcess launchAnother(Map<String, String> changedEnvironment) throws IOException {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(changedEnvironment);
        ServiceProcess instance = new ServiceProcess(env, name).launch();
        instances.add(instance);
        return instance;
    }

    /** The environment the instances run with (database, Redis, keys, admin password). */
    public Map<String, String> environment() {
        return environment;
    }

    public ServiceProcess get(int index) {
        return instances.get(index);
    }

    public List<ServiceProcess> all() {
        return List.copyOf(instances);
    }

    public String database() {
        return database;
    }

    /** Runs a statement on the instances' database as the table owner (no row-level security). */
    public void sql(String statement) throws Exception {
        sql(database, statement);
    }

    /** The first column of the first row of a query on the instances' database, as the table owner. */
    public long count(String query) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
                ResultSet rows = connection.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The first column of every row of a query, as longs. */
    public List<Long> longs(String query) throws Exception {
        List<Long> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
                ResultSet rows = connection.createStatement().executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getLong(1));
            }
        }
        return values;
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess instance : instances) {
            instance.close();
        }
        sql("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        new ProcessBuilder("sh", "-c", "redis-cli -n 1 --scan --pattern \"$0*\" | xargs -r redis-cli -n 1 unlink", database + ":")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
    }

    private static void sql(String db, String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "")) {
            connection.createStatement().execute(statement);
        }
    }
}
