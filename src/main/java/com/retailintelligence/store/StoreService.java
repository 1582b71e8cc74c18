package com.retailintelligence.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** Store management: the rules between the REST resource and the repository. */
@ApplicationScoped
public class StoreService {

    private final StoreRepository repository;

    public StoreService(StoreRepository repository) {
        this.repository = repository;
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
        return repository.update(id, update);
    }

    /** Deletes the store; with {@code force} its events go with it, otherwise a store with events is kept. */
    public Uni<DeleteOutcome> delete(String id, boolean force) {
        return force ? repository.deleteWithData(id) : repository.deleteIfEmpty(id);
    }
}
