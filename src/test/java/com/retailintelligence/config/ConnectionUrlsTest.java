package com.retailintelligence.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ConnectionUrlsTest {

    @Test
    void fullDatabaseUrl() {
        Map<String, String> p = ConnectionUrls.datasourceProperties("postgresql://retail:s3cr%40t@db.internal:6543/retail_prod");
        assertEquals("postgresql://db.internal:6543/retail_prod", p.get("quarkus.datasource.reactive.url"));
        assertEquals("jdbc:postgresql://db.internal:6543/retail_prod", p.get("quarkus.datasource.jdbc.url"));
        assertEquals("retail", p.get("quarkus.datasource.username"));
        assertEquals("s3cr@t", p.get("quarkus.datasource.password"));
    }

    @Test
    void originalDeploymentFormWithoutPortOrPassword() {
        Map<String, String> p = ConnectionUrls.datasourceProperties("postgresql://postgres@postgres/retail_intelligence");
        assertEquals("postgresql://postgres:5432/retail_intelligence", p.get("quarkus.datasource.reactive.url"));
        assertEquals("postgres", p.get("quarkus.datasource.username"));
        assertFalse(p.containsKey("quarkus.datasource.password"));
    }

    @Test
    void aMigrationUrlWithoutPasswordGetsAPlaceholderForFlyway() {
        Map<String, String> p = ConnectionUrls.migrationProperties("postgresql://postgres@127.0.0.1:5432/retail");
        assertEquals("jdbc:postgresql://127.0.0.1:5432/retail", p.get("quarkus.flyway.jdbc-url"));
        assertEquals("postgres", p.get("quarkus.flyway.username"));
        assertEquals("unused", p.get("quarkus.flyway.password"), "Quarkus' Flyway needs one; trust authentication never asks");
        assertEquals("s3cr@t", ConnectionUrls.migrationProperties("postgresql://owner:s3cr%40t@db/retail").get("quarkus.flyway.password"));
    }

    @Test
    void postgresSchemeAndQueryParametersPassThrough() {
        Map<String, String> p = ConnectionUrls.datasourceProperties("postgres://u:p@h:5432/db?sslmode=require");
        assertEquals("postgresql://h:5432/db?sslmode=require", p.get("quarkus.datasource.reactive.url"));
        assertEquals("jdbc:postgresql://h:5432/db?sslmode=require", p.get("quarkus.datasource.jdbc.url"));
    }

    @Test
    void badDatabaseUrlsNameTheVariableAndHideThePassword() {
        for (String bad : new String[] { "", "mysql://u@h/db", "postgresql://u:hunter2@h:5432", "postgresql://u:hunter2@h:99999/db",
                "postgresql://u:hunter2@h:port/db", "not a url", "postgresql://u:hunter2@h/a/b" }) {
            InvalidConnectionUrlException e = assertThrows(InvalidConnectionUrlException.class,
                    () -> ConnectionUrls.datasourceProperties(bad), bad);
            assertTrue(e.getMessage().startsWith("DATABASE_URL is invalid: "), e.getMessage());
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void redisUrls() {
        assertEquals("redis://cache:6379/2", ConnectionUrls.redisProperties("redis://cache:6379/2").get("quarkus.redis.hosts"));
        assertEquals("rediss://:pw@cache:6380", ConnectionUrls.redisProperties("rediss://:pw@cache:6380").get("quarkus.redis.hosts"));
        for (String bad : new String[] { "http://cache:6379", "redis://cache:6379/x", "redis://:pw@:0", "" }) {
            InvalidConnectionUrlException e = assertThrows(InvalidConnectionUrlException.class,
                    () -> ConnectionUrls.redisProperties(bad), bad);
            assertTrue(e.getMessage().startsWith("REDIS_URL is invalid: "), e.getMessage());
            assertFalse(e.getMessage().contains("pw"), e.getMessage());
        }
    }

    @Test
    void aSingleRedisUrlLeavesTheClientStandalone() {
        assertEquals(null, ConnectionUrls.redisProperties("redis://cache:6379/2").get("quarkus.redis.client-type"));
    }

    @Test
    void aListOfRedisUrlsIsACluster() {
        var properties = ConnectionUrls.redisProperties(" redis://n1:7000, redis://:pw@n2:7001/0 ,rediss://n3:7002 ");
        assertEquals("cluster", properties.get("quarkus.redis.client-type"));
        assertEquals("redis://n1:7000,redis://:pw@n2:7001/0,rediss://n3:7002", properties.get("quarkus.redis.hosts"));
    }

    @Test
    void redisPlusClusterNamesTheNodesOnceWithTheirCredentials() {
        var properties = ConnectionUrls.redisProperties("redis+cluster://app:s%40cret@n1:7000,n2:7001,n3");
        assertEquals("cluster", properties.get("quarkus.redis.client-type"));
        assertEquals("redis://app:s%40cret@n1:7000,redis://app:s%40cret@n2:7001,redis://app:s%40cret@n3",
                properties.get("quarkus.redis.hosts"));
        assertEquals("rediss://n1:7000,rediss://n2:7000", ConnectionUrls.redisProperties("rediss+cluster://n1:7000,n2:7000")
                .get("quarkus.redis.hosts"));
        assertEquals("redis://n1:7000", ConnectionUrls.redisProperties("redis+cluster://n1:7000").get("quarkus.redis.hosts"));
    }

    @Test
    void badClusterFormsStopStartUpWithOneLine() {
        for (String bad : new String[] { "redis://n1:7000,", "redis://n1:7000,,redis://n2:7000", "redis://n1:7000,http://n2:7000",
                "redis://n1:7000,n2:7001", "redis://:pw@n1:7000,redis://n2:7000/1", "redis+cluster://", "redis+cluster://:pw@",
                "redis+cluster://n1:7000,", "redis+cluster://n1:7000,n2:99999", "redis+cluster://n1:7000/3", "redis+cluster://n1:x" }) {
            InvalidConnectionUrlException e = assertThrows(InvalidConnectionUrlException.class,
                    () -> ConnectionUrls.redisProperties(bad), bad);
            assertTrue(e.getMessage().startsWith("REDIS_URL is invalid: "), e.getMessage());
            assertTrue(e.getMessage().contains("redis+cluster://"), "names the cluster forms: " + e.getMessage());
            assertFalse(e.getMessage().contains("pw"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
