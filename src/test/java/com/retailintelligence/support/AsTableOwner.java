package com.retailintelligence.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs the service connected as the tables' owner ({@code postgres}, a superuser here): row-level security does not
 * apply, so the application's own store-scope checks are the only lock. The access tests run again under this
 * profile and must give the same answers.
 */
public class AsTableOwner implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // quarkus.datasource.* wins over what DATABASE_URL implies (docs/configuration.md).
        return Map.of("quarkus.datasource.username", "postgres");
    }
}
