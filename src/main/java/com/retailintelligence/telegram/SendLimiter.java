package com.retailintelligence.telegram;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.redis.RedisKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Telegram's sending limits, shared by every replica through one Redis script: at most one message per
 * {@code per-chat} to a chat, {@code per-group-per-minute} to a group, {@code per-second} over all. A send either
 * takes its slot in all three at once or is told how long to wait. Redis' own clock, so replicas agree.
 */
@ApplicationScoped
public class SendLimiter {

    private static final String SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local perChat = tonumber(ARGV[1])
            local groupLimit, groupWindow = tonumber(ARGV[2]), 60000
            local globalLimit, globalWindow = tonumber(ARGV[3]), 1000
            local member, isGroup = ARGV[4], ARGV[5] == '1'
            local wait = 0
            local chatFree = tonumber(redis.call('GET', KEYS[1]) or '0')
            if chatFree > now then wait = chatFree - now end
            if isGroup then
              redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - groupWindow)
              if redis.call('ZCARD', KEYS[2]) >= groupLimit then
                local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
                wait = math.max(wait, tonumber(oldest[2]) + groupWindow - now)
              end
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - globalWindow)
            if redis.call('ZCARD', KEYS[3]) >= globalLimit then
              local oldest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
              wait = math.max(wait, tonumber(oldest[2]) + globalWindow - now)
            end
            if wait > 0 then return wait end
            redis.call('SET', KEYS[1], now + perChat, 'PX', perChat)
            if isGroup then
              redis.call('ZADD', KEYS[2], now, member)
              redis.call('PEXPIRE', KEYS[2], groupWindow)
            end
            redis.call('ZADD', KEYS[3], now, member)
            redis.call('PEXPIRE', KEYS[3], globalWindow)
            return 0""";

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final TelegramConfig.Limits limits;

    public SendLimiter(ReactiveRedisDataSource redis, RedisKeys keys, TelegramConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.limits = config.limits();
    }

    /** 0 when the message may go now (its slot taken), else the milliseconds to wait. Groups have negative chat ids. */
    public Uni<Long> acquire(long chatId, String member) {
        boolean group = chatId < 0;
        List<String> args = List.of("EVAL", SCRIPT, "3", keys.telegramChatLimit(chatId), keys.telegramGroupLimit(chatId),
                keys.telegramGlobalLimit(), Long.toString(limits.perChat().toMillis()), Integer.toString(limits.perGroupPerMinute()),
                Integer.toString(limits.perSecond()), member, group ? "1" : "0");
        return redis.execute(args.get(0), args.subList(1, args.size()).toArray(String[]::new)).map(Response::toLong);
    }
}
