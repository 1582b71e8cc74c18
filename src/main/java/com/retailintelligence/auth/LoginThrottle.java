package com.retailintelligence.auth;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.redis.RedisKeys;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.smallrye.mutiny.Uni;

/**
 * Slows password guessing without letting anyone lock a user out. Failed logins are counted in Redis (shared by
 * every replica) per username <em>and client address</em>, and per client address. Past a limit, logins for that
 * username from that address (or anything from that address) must wait, and every further failure doubles the
 * wait (2 s, 4 s, 8 s, …, at most the window). The real user, from their own address, is never held back by
 * someone else's failures for their username. A success clears the failures of that username at that address.
 * If Redis cannot be reached, logins are not throttled (logged) rather than refused: Redis is not the source of truth.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Counts a failure against the pair and the address and, past each one's limit, sets its doubling wait. */
    private static final String FAILED = """
            local window = tonumber(ARGV[1])
            local function bump(count, lock, limit)
              local n = redis.call('INCR', count)
              redis.call('EXPIRE', count, window)
              if n >= limit then
                local wait = math.min(window, 2 ^ (n - limit + 1))
                redis.call('SET', lock, n, 'EX', math.max(1, math.floor(wait)))
              end
            end
            bump(KEYS[1], KEYS[2], tonumber(ARGV[2]))
            bump(KEYS[3], KEYS[4], tonumber(ARGV[3]))
            return 1
            """;

    /** The longer of the two waits still running, in milliseconds (0 when none). */
    private static final String WAIT = """
            local a = redis.call('PTTL', KEYS[1])
            local b = redis.call('PTTL', KEYS[2])
            return math.max(a, b, 0)
            """;

    private final ReactiveRedisDataSource redis;
    private final ReactiveKeyCommands<String> keyCommands;
    private final RedisKeys keys;
    private final AuthConfig config;

    public LoginThrottle(ReactiveRedisDataSource redis, RedisKeys keys, AuthConfig config) {
        this.redis = redis;
        this.keyCommands = redis.key();
        this.keys = keys;
        this.config = config;
    }

    /** Seconds to wait before trying again, or 0 when a login may be tried now. */
    public Uni<Long> retryAfter(String username, String address) {
        return redis.execute("EVAL", WAIT, "2", keys.loginWait(pair(username, address)), keys.loginWait(address(address)))
                .map(reply -> {
                    long millis = reply == null ? 0 : reply.toLong();
                    return millis <= 0 ? 0L : Math.max(1L, (millis + 999) / 1000);
                })
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Login throttle unavailable (%s); login not throttled", failure.getMessage());
                    return 0L;
                });
    }

    /** Counts a failure for the username at the address, and for the address. */
    public Uni<Void> failed(String username, String address) {
        String pair = pair(username, address);
        String addr = address(address);
        return redis.execute("EVAL", FAILED, "4", keys.loginFailures(pair), keys.loginWait(pair), keys.loginFailures(addr),
                        keys.loginWait(addr), Long.toString(config.auth().loginFailureWindow().toSeconds()),
                        Integer.toString(config.auth().loginMaxFailuresPerUser()),
                        Integer.toString(config.auth().loginMaxFailuresPerAddress()))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Could not count a failed login (%s)", failure.getMessage());
                    return null;
                });
    }

    /** Clears the failures of the username at the address (not the address's own count). */
    public Uni<Void> succeeded(String username, String address) {
        String pair = pair(username, address);
        return keyCommands.del(keys.loginFailures(pair), keys.loginWait(pair)).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private static String pair(String username, String address) {
        return "user:" + address + ":" + username;
    }

    private static String address(String address) {
        return "addr:" + address;
    }
}
