package com.retailintelligence.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.retailintelligence.store.StoreDirectory;

/** Splits accepted events by store and store-local day, keeping batch order, for the live messages. */
public final class StoreDayGroups {

    private StoreDayGroups() {
    }

    public static <E extends IngestedEvent> List<Group<E>> of(List<E> events, Map<String, StoreDirectory.StoreInfo> stores) {
        Map<String, Group<E>> groups = new LinkedHashMap<>();
        for (E event : events) {
            LocalDate day = event.timestamp().atZone(stores.get(event.storeId()).zone()).toLocalDate();
            groups.computeIfAbsent(event.storeId() + '\u0000' + day, k -> new Group<>(event.storeId(), day, new ArrayList<>()))
                    .events().add(event);
        }
        return new ArrayList<>(groups.values());
    }

    /** The events of one store on one of its local days. */
    public record Group<E>(String storeId, LocalDate day, List<E> events) {
    }
}
