package com.retailintelligence.auth;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.redis.RedisKeys;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Slows password guessing: failed logins are counted in Redis (shared by every replica) per username and per
 * client address over a window; past the limit, logins from there are refused with 429 until the window of the
 * last failure ends, even with the right password. A success clears the username's count. If Redis cannot
 * be reached, logins are not throttled (logged) rather than refused: Redis is not the source of truth.
 */
@ApplicationScoped
public class LoginThrottle {

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final AuthConfig config;

    public LoginThrottle(ReactiveRedisDataSource redis, RedisKeys keys, AuthConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
    }

    /** Seconds to wait before trying again, or 0 when a login may be tried now. */
    public Uni<Long> retryAfter(String username, String address) {
        String user = keys.loginFailures("user", username);
        String addr = keys.loginFailures("addr", address);
        return redis.value(Long.class).mget(user, addr).chain(counts -> {
            boolean userBlocked = count(counts.get(user)) >= config.auth().loginMaxFailuresPerUser();
            boolean addrBlocked = count(counts.get(addr)) >= config.auth().loginMaxFailuresPerAddress();
            if (!userBlocked && !addrBlocked) {
                return Uni.createFrom().item(0L);
            }
            List<Uni<Long>> ttls = new java.util.ArrayList<>();
            if (userBlocked) {
                ttls.add(redis.key().ttl(user));
            }
            if (addrBlocked) {
                ttls.add(redis.key().ttl(addr));
            }
            return Uni.join().all(ttls).andFailFast()
                    .map(values -> Math.max(1L, values.stream().mapToLong(Long::longValue).max().orElse(1L)));
        }).onFailure().recoverWithItem(failure -> {
            Log.warnf("Login throttle unavailable (%s); login not throttled", failure.getMessage());
            return 0L;
        });
    }

    /** Counts a failure against both; each count lives for the window after its latest failure. */
    public Uni<Void> failed(String username, String address) {
        long window = config.auth().loginFailureWindow().toSeconds();
        return Uni.join().all(bump(keys.loginFailures("user", username), window),
                bump(keys.loginFailures("addr", address), window)).andFailFast()
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Could not count a failed login (%s)", failure.getMessage());
                    return null;
                });
    }

    public Uni<Void> succeeded(String username) {
        return redis.key().del(keys.loginFailures("user", username)).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private Uni<Void> bump(String key, long windowSeconds) {
        return redis.value(Long.class).incr(key).chain(() -> redis.key().expire(key, windowSeconds)).replaceWithVoid();
    }

    private static long count(Long value) {
        return value == null ? 0 : value;
    }
}
