package com.retailintelligence.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Points the tests at the machine's own PostgreSQL and Redis (no Docker here): a throw-away database per
 * test run, dropped at the end, and Redis keys under a prefix of the run's own, in a database index apart
 * from the dev one. Set TEST_POSTGRES_ADMIN_URL
 * (JDBC) or TEST_REDIS_URL to use other servers.
 */
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
public class LocalServices implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_PASSWORD = "test-admin-password";
    /** The login role the service uses in tests (scripts/create-db-roles.sql makes it). */
    public static final String SERVICE_ROLE = "retail_service";

    private static final String ADMIN_JDBC_URL = env("TEST_POSTGRES_ADMIN_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String POSTGRES_HOST = env("TEST_POSTGRES_HOST", "127.0.0.1:5432");
    private static final String REDIS_URL = env("TEST_REDIS_URL", "redis://127.0.0.1:6379/1");

    private String database;
    private String keyPrefix;

    @Override
    public Map<String, String> start() {
        database = "retail_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        keyPrefix = database + ":";
        execute("CREATE DATABASE " + database);
        createRoles();
        return Map.of(
                // The service connects as its own unprivileged role; migrations run as the owner (postgres).
                "DATABASE_URL", "postgresql://" + SERVICE_ROLE + "@" + POSTGRES_HOST + "/" + database,
                "DATABASE_MIGRATION_URL", "postgresql://postgres:trusted@" + POSTGRES_HOST + "/" + database,
                "REDIS_URL", REDIS_URL,
                "retail.aggregates.key-prefix", keyPrefix,
                "retail.admin.password", ADMIN_PASSWORD);
    }

    @Override
    public void stop() {
        if (database != null) {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            deleteRedisKeys(keyPrefix);
        }
    }

    /** Removes this run's Redis keys (they would expire anyway; the sync watermark would not). */
    private static void deleteRedisKeys(String prefix) {
        try {
            new ProcessBuilder("sh", "-c", "redis-cli -u \"$0\" --scan --pattern \"$1*\" | xargs -r redis-cli -u \"$0\" unlink",
                    REDIS_URL, prefix).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (Exception e) {
            // best effort: a leftover key does no harm to other runs, which use other prefixes
        }
    }

    /** The cluster-wide roles of scripts/create-db-roles.sql (idempotent: other runs may have made them). */
    public static void createRoles() {
        try {
            execute(java.nio.file.Files.readString(java.nio.file.Path.of("scripts", "create-db-roles.sql")));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read scripts/create-db-roles.sql", e);
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(ADMIN_JDBC_URL, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Tests need PostgreSQL at " + ADMIN_JDBC_URL + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
