package com.retailintelligence.auth;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.problem.ThrottledWarning;
import com.retailintelligence.redis.RedisKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Slows password guessing without letting anyone lock a user out. Attempts are counted in Redis (shared by every
 * replica) per username <em>and client address</em>, and per client address. Past a limit, logins for that
 * username from that address (or anything from that address) must wait, and every further failure doubles the
 * wait (2 s, 4 s, 8 s, …, at most the window). The real user, from their own address, is never held back by
 * someone else's failures for their username.
 * <p>
 * Checking and counting are one atomic step ({@link #attempt}): an attempt is counted as a failure before the
 * password is even checked, and a success takes it back ({@link #succeeded}). So a burst of parallel guesses
 * cannot all pass the check before any of them is counted. The keys of one address share a hash tag, so each script
 * runs in one Redis Cluster slot. If Redis cannot be reached, logins are not throttled
 * (a warning at most every 10 s) rather than refused: Redis is not the source of truth.
 */
@ApplicationScoped
public class LoginThrottle {

    /**
     * KEYS: pair count, pair wait, address count, address wait; ARGV: window seconds, pair limit, address limit.
     * Returns the wait still running in milliseconds (the attempt is then not counted), or 0 after counting it.
     */
    private static final String ATTEMPT = """
            local wait = math.max(redis.call('PTTL', KEYS[2]), redis.call('PTTL', KEYS[4]), 0)
            if wait > 0 then
              return wait
            end
            local window = tonumber(ARGV[1])
            local function bump(count, lock, limit)
              local n = redis.call('INCR', count)
              redis.call('EXPIRE', count, window)
              if n >= limit then
                local seconds = math.min(window, 2 ^ (n - limit + 1))
                redis.call('SET', lock, n, 'EX', math.max(1, math.floor(seconds)))
              end
            end
            bump(KEYS[1], KEYS[2], tonumber(ARGV[2]))
            bump(KEYS[3], KEYS[4], tonumber(ARGV[3]))
            return 0
            """;

    /** KEYS: pair count, pair wait, address count. A success clears the pair and takes its attempt back from the address. */
    private static final String SUCCEEDED = """
            redis.call('DEL', KEYS[1], KEYS[2])
            if tonumber(redis.call('GET', KEYS[3]) or '0') > 0 and redis.call('DECR', KEYS[3]) <= 0 then
              redis.call('DEL', KEYS[3])
            end
            return 1
            """;

    private static final ThrottledWarning warning = new ThrottledWarning(10_000);

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final AuthConfig config;

    public LoginThrottle(ReactiveRedisDataSource redis, RedisKeys keys, AuthConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
    }

    /**
     * Seconds to wait before trying again (the attempt is not made), or 0: the attempt may go ahead and has been
     * counted as a failure already; call {@link #succeeded} if it turns out right.
     */
    public Uni<Long> attempt(String username, String address) {
        return redis.execute("EVAL", ATTEMPT, "4", keys.loginFailures(address, username), keys.loginWait(address, username),
                        keys.loginFailures(address, null), keys.loginWait(address, null), Long.toString(config.auth().loginFailureWindow().toSeconds()),
                        Integer.toString(config.auth().loginMaxFailuresPerUser()),
                        Integer.toString(config.auth().loginMaxFailuresPerAddress()))
                .map(reply -> {
                    long millis = reply == null ? 0 : reply.toLong();
                    return millis <= 0 ? 0L : Math.max(1L, (millis + 999) / 1000);
                })
                .onFailure().recoverWithItem(failure -> {
                    warning.warn(() -> "Login throttle unavailable (" + failure.getMessage() + "); logins not throttled");
                    return 0L;
                });
    }

    /** Takes the attempt back: clears the failures of the username at the address, one from the address's count. */
    public Uni<Void> succeeded(String username, String address) {
        return redis.execute("EVAL", SUCCEEDED, "3", keys.loginFailures(address, username), keys.loginWait(address, username),
                        keys.loginFailures(address, null))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    warning.warn(() -> "Could not clear a login's count (" + failure.getMessage() + ")");
                    return null;
                });
    }
}
