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
 * test run, dropped at the end, and a Redis database index apart from the dev one. Set TEST_POSTGRES_ADMIN_URL
 * (JDBC) or TEST_REDIS_URL to use other servers.
 */
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
public class LocalServices implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_PASSWORD = "test-admin-password";

    private static final String ADMIN_JDBC_URL = env("TEST_POSTGRES_ADMIN_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String POSTGRES_HOST = env("TEST_POSTGRES_HOST", "127.0.0.1:5432");
    private static final String REDIS_URL = env("TEST_REDIS_URL", "redis://127.0.0.1:6379/1");

    private String database;

    @Override
    public Map<String, String> start() {
        database = "retail_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + database);
        return Map.of(
                "DATABASE_URL", "postgresql://postgres@" + POSTGRES_HOST + "/" + database,
                "REDIS_URL", REDIS_URL,
                "retail.admin.password", ADMIN_PASSWORD);
    }

    @Override
    public void stop() {
        if (database != null) {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
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
