package com.retailintelligence.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the audit log bounded against traffic nobody authenticated (and repeated refusals of anyone): denials and
 * failed credential attempts are folded per kind, source address and minute. The first of each in a minute is
 * written at once, whole (with its request id); the rest of that minute become one more row, written when the
 * minute is over, whose {@code occurrences} says how many it stands for. At most {@link #MAX_KINDS_PER_MINUTE}
 * kinds are kept apart per minute on a replica; beyond, they share one "other sources" row. So 10,000 refused
 * requests from one address in a minute leave two rows, not 10,000. Counts not yet written when a replica is
 * killed (not stopped) are lost; a normal stop writes them.
 */
@Singleton
public class RepeatedAttempts {

    static final int MAX_KINDS_PER_MINUTE = 1000;
    static final int MAX_KINDS_PER_SOURCE = 20;
    private static final int ACTORS_NAMED = 5;

    private final AuditLog audit;
    private final Map<Key, Fold> folds = new ConcurrentHashMap<>();
    private final Map<Source, Integer> kindsPerSource = new ConcurrentHashMap<>();

    public RepeatedAttempts(AuditLog audit) {
        this.audit = audit;
    }

    /** {@link #record(AuditEntry, String, boolean, String)} for entries whose detail names their kind (a fixed text). */
    public void record(AuditEntry entry, String source, boolean byActor) {
        record(entry, source, byActor, entry.detail());
    }

    /**
     * Records the entry, folded with those of the same {@code kind} (a fixed reason, never text the client chose,
     * such as a store id it asked for) from the same {@code source} in this minute. {@code byActor}: whether entries
     * of different actors are kept apart (yes for authenticated principals; no for names an anonymous client merely
     * claims, such as the username of a failed login). One source and actor get at most
     * {@link #MAX_KINDS_PER_SOURCE} kinds a minute apart; beyond, their further kinds share one row.
     */
    public void record(AuditEntry entry, String source, boolean byActor, String kind) {
        long minute = System.currentTimeMillis() / 60_000;
        String from = source == null ? "?" : source;
        String actor = byActor ? entry.actor() : null;
        Key key = new Key(entry.channel(), entry.action(), entry.result(), from, actor, kind, minute);
        if (!folds.containsKey(key)) {
            if (folds.size() >= MAX_KINDS_PER_MINUTE) {
                key = new Key(entry.channel(), entry.action(), entry.result(), "*", null, "various reasons", minute);
            } else if (kindsOf(new Source(from, actor, minute)) >= MAX_KINDS_PER_SOURCE) {
                key = new Key(entry.channel(), entry.action(), entry.result(), from, actor, "various reasons", minute);
            }
        }
        boolean[] first = { false };
        folds.compute(key, (k, existing) -> {
            if (existing == null) {
                first[0] = true;
                return new Fold();
            }
            return existing.add(entry);
        });
        if (first[0]) {
            kindsPerSource.merge(new Source(key.source(), key.actor(), minute), 1, Integer::sum);
        }
        if (first[0]) {
            audit.recordLater(entry);
        }
    }

    /** Writes the folded rows of the minutes that are over. */
    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> writeFinishedMinutes() {
        return write(System.currentTimeMillis() / 60_000);
    }

    void writeAllOnStop(@Observes ShutdownEvent event) {
        writeAll().await().atMost(Duration.ofSeconds(5));
    }

    /** Writes every fold now, the current minute's too (at a stop; tests). */
    public Uni<Void> writeAll() {
        return write(Long.MAX_VALUE);
    }

    private int kindsOf(Source source) {
        return kindsPerSource.getOrDefault(source, 0);
    }

    /** Writes (and forgets) the folds of minutes before {@code minute}. */
    Uni<Void> write(long minute) {
        kindsPerSource.keySet().removeIf(source -> source.minute() < minute);
        List<Uni<Void>> writes = new ArrayList<>();
        for (Key key : List.copyOf(folds.keySet())) {
            if (key.minute() < minute) {
                Fold fold = folds.remove(key);
                if (fold != null && fold.more > 0) {
                    writes.add(audit.record(fold.summary(key)));
                }
            }
        }
        return writes.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(writes).andCollectFailures().replaceWithVoid();
    }

    private record Key(AuditEntry.Channel channel, String action, AuditEntry.Result result, String source, String actor,
            String kind, long minute) {
    }

    private record Source(String source, String actor, long minute) {
    }

    /** The entries after the first one of a key and minute. */
    private static final class Fold {
        private int more;
        private final Set<String> actors = new LinkedHashSet<>();
        private final Set<String> targets = new LinkedHashSet<>();

        Fold add(AuditEntry entry) {
            more++;
            if (actors.size() < ACTORS_NAMED) {
                actors.add(entry.actor());
            }
            if (targets.size() < ACTORS_NAMED) {
                targets.add(String.valueOf(entry.target()));
            }
            return this;
        }

        AuditEntry summary(Key key) {
            String actor = actors.size() == 1 ? actors.iterator().next() : key.actor() != null ? key.actor() : "anonymous";
            String target = targets.size() == 1 ? targets.iterator().next() : "various: " + String.join(", ", targets)
                    + (targets.size() >= ACTORS_NAMED ? ", ..." : "");
            String from = Instant.ofEpochSecond(key.minute() * 60).toString();
            String detail = key.kind() + " (folded: " + more + " more like this from " + key.source() + " in the minute from "
                    + from + (actors.size() > 1 ? "; as " + String.join(", ", actors) + (actors.size() >= ACTORS_NAMED ? ", ..." : "")
                            : "") + ")";
            return new AuditEntry(actor, key.channel(), key.action(), target, key.result(), null, detail, more);
        }
    }
}
