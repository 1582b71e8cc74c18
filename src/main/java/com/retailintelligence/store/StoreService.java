package com.retailintelligence.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.aggregate.RebuildService;
import com.retailintelligence.aggregate.RollupRepository;
import com.retailintelligence.ingest.StoreDirectory;

import io.smallrye.mutiny.Uni;

/** Store management: the rules between the REST resource and the repository. */
@ApplicationScoped
public class StoreService {

    private final StoreRepository repository;
    private final RollupRepository rollups;
    private final RebuildService aggregates;
    private final StoreDirectory directory;

    public StoreService(StoreRepository repository, RollupRepository rollups, RebuildService aggregates,
            StoreDirectory directory) {
        this.repository = repository;
        this.rollups = rollups;
        this.aggregates = aggregates;
        this.directory = directory;
    }

    /** Creates the store; yields null when its id is taken. */
    public Uni<Store> create(NewStore store) {
        return repository.insert(store);
    }

    public Uni<Store> find(String id) {
        return repository.findById(id);
    }

    public Uni<List<Store>> list() {
        return repository.listAll();
    }

    /** Updates the store; yields null when it does not exist. */
    public Uni<Store> update(String id, StoreUpdate update) {
        return repository.update(id, update).invoke(() -> directory.forget(id));
    }

    /**
     * Deletes the store; with {@code force} its events and aggregates go with it (Redis included, best effort:
     * its keys would expire anyway), otherwise a store with events is kept.
     */
    public Uni<DeleteOutcome> delete(String id, boolean force) {
        directory.forget(id);
        if (!force) {
            return repository.deleteIfEmpty(id);
        }
        return rollups.storeDays(id, null, null).chain(days -> repository.deleteWithData(id)
                .call(outcome -> outcome != DeleteOutcome.DELETED ? Uni.createFrom().voidItem()
                        : aggregates.forget(days).onFailure().recoverWithNull()));
    }
}
