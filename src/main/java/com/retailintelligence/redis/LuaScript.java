package com.retailintelligence.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script run by its SHA (EVALSHA), sent whole (EVAL, which caches it) when the node lacks it: after a Redis
 * restart, and once per node of a cluster. Callers pass keys of one hash slot only (docs/redis-cluster.md).
 */
public final class LuaScript {

    private final String source;
    private final String sha;

    public LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    /** Runs the script with these keys and arguments. */
    public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, List<String> args) {
        List<String> all = new ArrayList<>(2 + keys.size() + args.size());
        all.add(sha);
        all.add(Integer.toString(keys.size()));
        all.addAll(keys);
        all.addAll(args);
        String[] evalSha = all.toArray(String[]::new);
        return redis.execute("EVALSHA", evalSha)
                .onFailure(failure -> String.valueOf(failure.getMessage()).startsWith("NOSCRIPT"))
                .recoverWithUni(() -> {
                    String[] eval = evalSha.clone();
                    eval[0] = source;
                    return redis.execute("EVAL", eval);
                });
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
