package com.retailintelligence.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Derives the datasource and Redis client settings from DATABASE_URL and REDIS_URL (or their defaults), and
 * Flyway's own connection from DATABASE_MIGRATION_URL when set (the schema owner; see docs/security.md), or from
 * its default when DATABASE_URL is not set either; otherwise the migrations use DATABASE_URL.
 * Explicit quarkus.datasource.* / quarkus.redis.* settings from the environment still win (ordinal 275 < 300).
 */
public class ConnectionUrlConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!RuntimeOnly.isRuntime()) {
            return List.of();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        ConfigValue database = context.getValue(ConnectionUrls.DATABASE_URL);
        boolean databaseGiven = database != null && database.getValue() != null;
        properties.putAll(ConnectionUrls.datasourceProperties(databaseGiven ? database.getValue() : ConnectionUrls.DEFAULT_DATABASE_URL));
        ConfigValue migration = context.getValue(ConnectionUrls.DATABASE_MIGRATION_URL);
        if (migration != null && migration.getValue() != null && !migration.getValue().isBlank()) {
            properties.putAll(ConnectionUrls.migrationProperties(migration.getValue()));
        } else if (!databaseGiven) {
            // Both left at their defaults: the local setup of scripts/create-db-roles.sql, service and owner apart.
            properties.putAll(ConnectionUrls.migrationProperties(ConnectionUrls.DEFAULT_DATABASE_MIGRATION_URL));
        }
        properties.putAll(ConnectionUrls.redisProperties(
                valueOf(context, ConnectionUrls.REDIS_URL, ConnectionUrls.DEFAULT_REDIS_URL)));
        return List.of(new PropertiesConfigSource(properties, "DATABASE_URL/DATABASE_MIGRATION_URL/REDIS_URL", ORDINAL));
    }

    private static String valueOf(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? fallback : value.getValue();
    }
}
