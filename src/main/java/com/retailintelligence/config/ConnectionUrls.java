package com.retailintelligence.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the deployment's DATABASE_URL and REDIS_URL into the Quarkus properties that drive the clients. */
public final class ConnectionUrls {

    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String REDIS_URL = "REDIS_URL";
    public static final String DATABASE_MIGRATION_URL = "DATABASE_MIGRATION_URL";
    /** The service's own, unprivileged role: row-level security applies to it (docs/security.md). */
    public static final String DEFAULT_DATABASE_URL = "postgresql://retail_service@127.0.0.1:5432/retail";
    /** The tables' owner, for the migrations; the default only when DATABASE_URL is left at its default too. */
    public static final String DEFAULT_DATABASE_MIGRATION_URL = "postgresql://postgres@127.0.0.1:5432/retail";
    /**
     * Handed to Flyway when the migration URL carries no password: Quarkus' Flyway wants one with its own URL, and
     * under trust, peer or certificate authentication the server never asks for it.
     */
    static final String NO_PASSWORD = "unused";
    public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0";

    private static final String DATABASE_FORMAT = "postgresql://user[:password]@host[:port]/database";
    private static final String REDIS_FORMAT = "redis://[[user]:password@]host[:port][/db], or for a Redis Cluster "
            + "redis://h1:p1,redis://h2:p2,... or redis+cluster://[[user]:password@]h1:p1,h2:p2,...";

    private ConnectionUrls() {
    }

    /**
     * Maps a PostgreSQL URL to the reactive and JDBC (Flyway) datasource properties.
     *
     * @throws InvalidConnectionUrlException naming DATABASE_URL, without echoing a password
     */
    public static Map<String, String> datasourceProperties(String databaseUrl) {
        Database db = database(DATABASE_URL, databaseUrl);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.reactive.url", "postgresql://" + db.address());
        properties.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + db.address());
        properties.put("quarkus.datasource.username", db.user());
        if (db.password() != null) {
            properties.put("quarkus.datasource.password", db.password());
        }
        return properties;
    }

    /**
     * Maps the PostgreSQL URL of the tables' owner, used only to migrate the schema, to Flyway's own
     * connection properties (the service itself connects with DATABASE_URL).
     *
     * @throws InvalidConnectionUrlException naming DATABASE_MIGRATION_URL, without echoing a password
     */
    public static Map<String, String> migrationProperties(String migrationUrl) {
        Database db = database(DATABASE_MIGRATION_URL, migrationUrl);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.flyway.jdbc-url", "jdbc:postgresql://" + db.address());
        properties.put("quarkus.flyway.username", db.user());
        properties.put("quarkus.flyway.password", db.password() == null || db.password().isEmpty() ? NO_PASSWORD : db.password());
        return properties;
    }

    private static Database database(String variable, String url) {
        URI uri = parse(variable, url, DATABASE_FORMAT);
        String scheme = uri.getScheme();
        if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
            throw invalid(variable, "the scheme must be postgresql://", DATABASE_FORMAT);
        }
        String host = requireHost(variable, uri, DATABASE_FORMAT);
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String path = uri.getRawPath();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) != -1) {
            throw invalid(variable, "it names no database", DATABASE_FORMAT);
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        UserInfo user = userInfo(uri);
        return new Database(host + ":" + port + "/" + path.substring(1) + query,
                user.name() == null ? "postgres" : user.name(), user.password());
    }

    private record Database(String address, String user, String password) {
    }

    /**
     * Validates a Redis URL and maps it to the Redis client's properties: one {@code redis://} or {@code rediss://} URL
     * is a single server; a comma-separated list of them, or {@code redis+cluster://[[user]:password@]h1:p1,h2:p2,…}
     * ({@code rediss+cluster://} for TLS), is a Redis Cluster given by some of its nodes (client type {@code cluster}).
     *
     * @throws InvalidConnectionUrlException naming REDIS_URL, without echoing a password
     */
    public static Map<String, String> redisProperties(String redisUrl) {
        if (redisUrl == null || redisUrl.isBlank()) {
            throw invalid(REDIS_URL, "it is empty", REDIS_FORMAT);
        }
        String value = redisUrl.trim();
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith(CLUSTER_SCHEME) || lower.startsWith(TLS_CLUSTER_SCHEME)) {
            return cluster(clusterNodes(value, lower.startsWith(TLS_CLUSTER_SCHEME)));
        }
        if (value.indexOf(',') >= 0) {
            return cluster(java.util.Arrays.asList(value.split(",", -1)));
        }
        redisNode(value, false);
        return Map.of("quarkus.redis.hosts", value);
    }

    private static final String CLUSTER_SCHEME = "redis+cluster://";
    private static final String TLS_CLUSTER_SCHEME = "rediss+cluster://";

    /** The nodes of {@code redis+cluster://[credentials@]h1:p1,h2:p2[/0]}, each as a redis:// (rediss://) URL with the credentials. */
    private static List<String> clusterNodes(String value, boolean tls) {
        String rest = value.substring((tls ? TLS_CLUSTER_SCHEME : CLUSTER_SCHEME).length());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        int at = authority.lastIndexOf('@');
        String credentials = at < 0 ? "" : authority.substring(0, at + 1);
        List<String> nodes = new ArrayList<>();
        for (String host : authority.substring(at + 1).split(",", -1)) {
            nodes.add((tls ? "rediss://" : "redis://") + credentials + host.trim() + path);
        }
        return nodes;
    }

    private static Map<String, String> cluster(List<String> nodes) {
        List<String> hosts = new ArrayList<>(nodes.size());
        for (String node : nodes) {
            String url = node.trim();
            if (url.isEmpty()) {
                throw invalid(REDIS_URL, "a cluster node in the list is empty", REDIS_FORMAT);
            }
            redisNode(url, true);
            hosts.add(url);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.redis.hosts", String.join(",", hosts));
        properties.put("quarkus.redis.client-type", "cluster");
        return properties;
    }

    /** Checks one server's URL; a cluster node may name no database but 0 (a cluster has only database 0). */
    private static void redisNode(String url, boolean inCluster) {
        URI uri = parse(REDIS_URL, url, REDIS_FORMAT);
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw invalid(REDIS_URL, "the scheme must be redis://, rediss:// or redis+cluster://", REDIS_FORMAT);
        }
        requireHost(REDIS_URL, uri, REDIS_FORMAT);
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            String db = path.substring(1);
            if (!db.matches("\\d{1,5}")) {
                throw invalid(REDIS_URL, "the database after the slash must be a number", REDIS_FORMAT);
            }
            if (inCluster && Integer.parseInt(db) != 0) {
                throw invalid(REDIS_URL, "a Redis Cluster has only database 0", REDIS_FORMAT);
            }
        }
    }

    private static URI parse(String variable, String value, String format) {
        if (value == null || value.isBlank()) {
            throw invalid(variable, "it is empty", format);
        }
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null || uri.isOpaque()) {
                throw invalid(variable, "it is not a URL", format);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(variable, "it is not a valid URL", format);
        }
    }

    private static String requireHost(String variable, URI uri, String format) {
        if (uri.getHost() == null) {
            // java.net.URI leaves host null when the port is not numeric or the authority is malformed
            throw invalid(variable, "it names no valid host and port", format);
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw invalid(variable, "the port must be between 1 and 65535", format);
        }
        return uri.getHost();
    }

    private static UserInfo userInfo(URI uri) {
        String raw = uri.getRawUserInfo();
        if (raw == null || raw.isEmpty()) {
            return new UserInfo(null, null);
        }
        int colon = raw.indexOf(':');
        if (colon < 0) {
            return new UserInfo(decode(raw), null);
        }
        return new UserInfo(decode(raw.substring(0, colon)), decode(raw.substring(colon + 1)));
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static InvalidConnectionUrlException invalid(String variable, String reason, String format) {
        return new InvalidConnectionUrlException(variable + " is invalid: " + reason + " (expected " + format + ")");
    }

    private record UserInfo(String name, String password) {
    }
}
