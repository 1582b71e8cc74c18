package com.retailintelligence.redis;

import java.time.LocalDate;

import jakarta.inject.Singleton;


/**
 * Every Redis key and channel name of the service, in one place. All per-day keys expire after the retention period.
 * Keys carry Redis Cluster hash tags (the part in braces decides the slot): every key of one store is tagged
 * {@code {store-id}}, every ranking of one date {@code {date}}, so each script and multi-key command touches one
 * slot (docs/redis-cluster.md).
 */
@Singleton
public class RedisKeys {

    private final String prefix;

    public RedisKeys(KeyPrefixConfig config) {
        this.prefix = config.keyPrefix();
        if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
            // A brace in the prefix would become the hash tag of every key: all of them in one slot, or keys of one store apart.
            throw new IllegalArgumentException("retail.aggregates.key-prefix must not contain '{' or '}': " + prefix);
        }
    }

    /** The hash tag of a store's keys (store ids are [a-z0-9-], never braces). */
    private static String store(String storeId) {
        return "{" + storeId + "}";
    }

    /** Sorted set of one metric per bucket ({@code minute}, {@code hour}) of a store-local day: member = bucket start (epoch seconds), score = value. */
    public String series(String storeId, LocalDate day, String bucket, String metric) {
        return prefix + "s:" + store(storeId) + ":" + day + ":" + bucket + ":" + metric;
    }

    /** Set of the local days a store has aggregates for in Redis (so a deleted store's keys are found without SCAN, which a cluster would need on every node). */
    public String storeDays(String storeId) {
        return prefix + "i:" + store(storeId);
    }

    /** Sorted set of a store's totals for a local day: member = metric, score = value. */
    public String dayTotals(String storeId, LocalDate day) {
        return prefix + "d:" + store(storeId) + ":" + day;
    }

    /** Sorted set ranking stores by visitors on a local date: member = store id. The rankings of a date share the tag {date}. */
    public String visitorRanking(LocalDate day) {
        return prefix + "rank:{" + day + "}:visitors";
    }

    /** Sorted set ranking stores by net revenue (minor units) on a local date: member = store id. */
    public String revenueRanking(LocalDate day) {
        return prefix + "rank:{" + day + "}:revenue";
    }

    /** Sorted set: each store's gross sales on a local date, written with ZADD GT, from which the revenue ranking is derived. */
    public String grossRanking(LocalDate day) {
        return prefix + "rank:{" + day + "}:gross";
    }

    /** Sorted set: each store's refunds on a local date, written with ZADD GT, from which the revenue ranking is derived. */
    public String refundsRanking(LocalDate day) {
        return prefix + "rank:{" + day + "}:refunds";
    }

    /** The four ranking keys of a date (visitors, revenue, gross, refunds), all in one slot. */
    public java.util.List<String> rankings(LocalDate day) {
        return java.util.List.of(visitorRanking(day), revenueRanking(day), grossRanking(day), refundsRanking(day));
    }

    /** String: the version of an ended store-local day's figures, a digest of its totals, changed by late events (aggregate.DayVersions). */
    public String dayVersion(String storeId, LocalDate day) {
        return prefix + "v:" + store(storeId) + ":" + day;
    }

    /** String: cached figures of an ended store-local day, as of the given version of that day. */
    public String dayFacts(String storeId, LocalDate day, String version) {
        return prefix + "f:" + store(storeId) + ":" + day + ":" + version;
    }

    /** String (bytes): a cached report, named by its kind, period and format, as of the versions of the days it reads. */
    public String report(String storeId, String name, String versions) {
        return prefix + "r:" + store(storeId) + ":" + name + ":" + versions;
    }

    /**
     * Sorted set holding the sync watermark (member "watermark", score = epoch millis of the last full sync). Named
     * after the key layout ("v2": hash-tagged keys): a replica of a new layout finds no watermark and copies every
     * retained day into its keys, whatever the old layout's watermark says (docs/redis-cluster.md, "Upgrading").
     */
    public String syncState() {
        return prefix + "sync:v2";
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

    /**
     * Counter of recent failed logins from a client address, for one username or (username null) for any. The keys of
     * one address share the tag {address}, so the throttle's scripts stay in one slot.
     */
    public String loginFailures(String address, String username) {
        return prefix + "login:" + address(address) + ":fail" + (username == null ? "" : ":user:" + username);
    }

    /** Present while logins from that address (for that username, or for any when null) must wait; its TTL is the wait. */
    public String loginWait(String address, String username) {
        return prefix + "login:" + address(address) + ":wait" + (username == null ? "" : ":user:" + username);
    }

    /** The hash tag of an address; never empty ("{}" would hash the whole key, parting the keys of one address). */
    private static String address(String address) {
        return "{" + (address == null || address.isEmpty() ? "unknown" : address) + "}";
    }
}
