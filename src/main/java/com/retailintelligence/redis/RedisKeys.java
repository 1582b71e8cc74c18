package com.retailintelligence.redis;

import java.time.LocalDate;

import jakarta.inject.Singleton;


/** Every Redis key and channel name of the service, in one place. All per-day keys expire after the retention period. */
@Singleton
public class RedisKeys {

    private final String prefix;

    public RedisKeys(KeyPrefixConfig config) {
        this.prefix = config.keyPrefix();
    }

    /** Sorted set of one metric per bucket ({@code minute}, {@code hour}) of a store-local day: member = bucket start (epoch seconds), score = value. */
    public String series(String storeId, LocalDate day, String bucket, String metric) {
        return prefix + "s:" + storeId + ":" + day + ":" + bucket + ":" + metric;
    }

    /** SCAN patterns matching every per-day key of one store: its series and its day totals (store ids hold no glob characters). */
    public java.util.List<String> storeKeyPatterns(String storeId) {
        return java.util.List.of(glob(prefix) + "s:" + storeId + ":*", glob(prefix) + "d:" + storeId + ":*");
    }

    /** The store-local day of a {@link #dayTotals} key, or null when the key is not one. */
    public LocalDate dayOfTotals(String key) {
        int colon = key.lastIndexOf(':');
        try {
            return key.startsWith(prefix + "d:") ? LocalDate.parse(key.substring(colon + 1)) : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String glob(String literal) {
        return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    /** Sorted set of a store's totals for a local day: member = metric, score = value. */
    public String dayTotals(String storeId, LocalDate day) {
        return prefix + "d:" + storeId + ":" + day;
    }

    /** Sorted set ranking stores by visitors on a local date: member = store id. */
    public String visitorRanking(LocalDate day) {
        return prefix + "rank:visitors:" + day;
    }

    /** Sorted set ranking stores by net revenue (minor units) on a local date: member = store id. */
    public String revenueRanking(LocalDate day) {
        return prefix + "rank:revenue:" + day;
    }

    /** String: the version of an ended store-local day's figures, a digest of its totals, changed by late events (aggregate.DayVersions). */
    public String dayVersion(String storeId, LocalDate day) {
        return prefix + "v:" + storeId + ":" + day;
    }

    /** String: cached figures of an ended store-local day, as of the given version of that day. */
    public String dayFacts(String storeId, LocalDate day, String version) {
        return prefix + "f:" + storeId + ":" + day + ":" + version;
    }

    /** String (bytes): a cached report, named by its kind, period and format, as of the versions of the days it reads. */
    public String report(String storeId, String name, String versions) {
        return prefix + "r:" + storeId + ":" + name + ":" + versions;
    }

    /** Sorted set holding the sync watermark (member "watermark", score = epoch millis of the last full sync). */
    public String syncState() {
        return prefix + "sync";
    }

    /** String: when the next message may go to a Telegram chat (epoch ms). The {tg} hash tag keeps the limiter's keys in one slot. */
    public String telegramChatLimit(long chatId) {
        return prefix + "{tg}:chat:" + chatId;
    }

    /** Sorted set: the messages sent to a Telegram group over the last minute (score = epoch ms). */
    public String telegramGroupLimit(long chatId) {
        return prefix + "{tg}:group:" + chatId;
    }

    /** Sorted set: the messages the bot sent over the last second (score = epoch ms). */
    public String telegramGlobalLimit() {
        return prefix + "{tg}:all";
    }

    /** Pub/sub channel carrying every accepted event once, for the live feeds and alerts of every replica. */
    public String eventsChannel() {
        return prefix + "events";
    }

    /** Pub/sub channel naming principals whose access was withdrawn (key revoked, user disabled): every replica closes their live feeds. */
    public String revocationsChannel() {
        return prefix + "revoked";
    }

    /** Pub/sub channel naming stores that changed or were deleted: every replica's store cache forgets them. */
    public String storeChangesChannel() {
        return prefix + "stores";
    }

    /** Pub/sub channel naming stores whose alert rules changed: every replica's alert engine reloads its rules. */
    public String alertRulesChannel() {
        return prefix + "alert-rules";
    }

    /** Set once per check interval (NX, with a TTL) by the replica that runs the scheduled alert checks of that interval. */
    public String alertCheckClaim(long interval) {
        return prefix + "alert-check:" + interval;
    }

    /** Set (NX, with a TTL) by the replica that adds the demo stores' settings and rules, so two starting together add them once. */
    public String demoSetupClaim() {
        return prefix + "demo-setup";
    }

    /** Counter of recent failed logins for {@code user:<address>:<username>} or {@code addr:<address>}. */
    public String loginFailures(String id) {
        return prefix + "login-fail:" + id;
    }

    /** Present while logins for that {@code id} (as in {@link #loginFailures}) must wait; its TTL is the wait. */
    public String loginWait(String id) {
        return prefix + "login-wait:" + id;
    }
}
