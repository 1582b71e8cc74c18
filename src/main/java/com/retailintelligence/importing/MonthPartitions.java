package com.retailintelligence.importing;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.retailintelligence.db.PartitionMaintenance;

/**
 * The raw-event partitions an import needs: each month it is about to write gets its partitions first (history would
 * otherwise land in the DEFAULT partition, out of reach of pruning and retention); and, with raw-event retention on,
 * rows older than what is kept are refused — their ids would be dropped with their month, and a second import would
 * count them again. Blocking: the import thread's.
 */
final class MonthPartitions {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final PartitionMaintenance maintenance;
    private final Instant keptFrom;
    private final Set<YearMonth> ensured = ConcurrentHashMap.newKeySet();

    MonthPartitions(PartitionMaintenance maintenance, Instant now) {
        this.maintenance = maintenance;
        this.keptFrom = maintenance.rawEventsKeptFrom(now);
    }

    /** Why an event at this instant is refused, or null. */
    String refusal(Instant timestamp) {
        if (keptFrom == null || !timestamp.isBefore(keptFrom)) {
            return null;
        }
        return "timestamp: before " + keptFrom + ", the oldest raw event kept (RETAIL_RETENTION_RAW_EVENTS_MONTHS): its id would be "
                + "dropped with its month, so importing the file again would count it twice";
    }

    /** Creates the partitions of the months of these instants that this import has not seen yet. */
    void ensure(Collection<Instant> timestamps) {
        Set<YearMonth> months = new TreeSet<>();
        for (Instant timestamp : timestamps) {
            YearMonth month = YearMonth.from(timestamp.atOffset(ZoneOffset.UTC));
            if (!ensured.contains(month)) {
                months.add(month);
            }
        }
        for (YearMonth month : months) {
            maintenance.ensureMonth(month).await().atMost(TIMEOUT);
            ensured.add(month);
        }
    }
}
