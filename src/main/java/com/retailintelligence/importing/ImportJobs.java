package com.retailintelligence.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Imports uploaded through the REST API: each one a row in {@code imports}, run in the background on this replica —
 * one at a time, so an import never starves the replica's ingest — with its counters and refused rows written every
 * second, so that any replica answers for it. A job whose replica stopped (no write for a minute) reads as failed.
 */
@ApplicationScoped
public class ImportJobs {

    /** Refused rows a job shows; all are counted. */
    static final int REJECTIONS_SHOWN = 1000;
    /** Refused rows kept per job in the database. */
    private static final int REJECTIONS_KEPT = 10_000;
    private static final Duration STALE = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final String COLUMNS = "id, source, format, kind, status, started_by, started_at, updated_at, finished_at, total_rows, "
            + "read_rows, imported, duplicates, rejected, detail";

    private final Pool pool;
    private final Importer importer;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(named("import-runner"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(named("import-progress"));
    private final AtomicReference<UUID> running = new AtomicReference<>();

    public ImportJobs(Pool pool, Importer importer) {
        this.pool = pool;
        this.importer = importer;
    }

    /** What a submission came to: the job, or the one already running here. */
    public sealed interface Submitted {
        record Started(ImportJob job) implements Submitted {
        }

        record Busy(UUID running) implements Submitted {
        }
    }

    /** Records the job and starts it in the background; the upload is deleted when it is done. Blocking. */
    public Submitted submit(ImportRequest request, String startedBy) {
        UUID id = UUID.randomUUID();
        if (!running.compareAndSet(null, id)) {
            delete(request.file());
            return new Submitted.Busy(running.get());
        }
        try {
            pool.preparedQuery("INSERT INTO imports (id, source, format, kind, status, started_by) VALUES ($1, $2, $3, $4, 'queued', $5)")
                    .execute(Tuple.of(id, request.name(), request.sqlite() ? "sqlite" : "csv", request.kind() == null ? null : request.kind().wireName(),
                            startedBy))
                    .await().atMost(TIMEOUT);
            runner.execute(() -> run(id, request));
        } catch (RuntimeException e) {
            running.set(null);
            delete(request.file());
            throw e;
        }
        return new Submitted.Started(find(id).await().atMost(TIMEOUT));
    }

    private void run(UUID id, ImportRequest request) {
        ConcurrentLinkedQueue<Rejection> found = new ConcurrentLinkedQueue<>();
        ImportProgress progress = new ImportProgress(found::add);
        Written written = new Written();
        ScheduledFuture<?> tick = ticker.scheduleWithFixedDelay(() -> save(id, progress, found, written, "running", null), 0, 1, TimeUnit.SECONDS);
        try {
            ImportSummary summary = importer.run(request, progress);
            tick.cancel(false);
            save(id, progress, found, written, summary.succeeded() ? "succeeded" : "failed", summary.describe());
            Log.infof("Import %s of %s: %s", id, request.name(), summary.describe());
        } catch (RuntimeException e) {
            tick.cancel(false);
            Log.errorf(e, "Import %s of %s failed", id, request.name());
            save(id, progress, found, written, "failed", "failed: " + e.getMessage());
        } finally {
            delete(request.file());
            running.set(null);
        }
    }

    /** What of one job is in the database: how many refused rows, and whether its final status (guarded by save's lock). */
    private static final class Written {
        int rejections;
        boolean finished;
    }

    /** Writes the counters and the refused rows found since the last write; a final status ends the job. */
    private synchronized void save(UUID id, ImportProgress progress, ConcurrentLinkedQueue<Rejection> found, Written written, String status,
            String detail) {
        if (written.finished) {
            return; // the final status is written: a tick that was already on its way must not bring "running" back
        }
        written.finished = !"running".equals(status);
        try {
            List<Tuple> rows = new ArrayList<>();
            for (Rejection rejection; (rejection = found.poll()) != null;) {
                if (written.rejections < REJECTIONS_KEPT) {
                    rows.add(Tuple.of(id, written.rejections++, storable(rejection.file()), rejection.row(), storable(rejection.reason())));
                }
            }
            if (!rows.isEmpty()) {
                pool.preparedQuery("INSERT INTO import_rejections (import_id, seq, file, row_number, reason) VALUES ($1, $2, $3, $4, $5)")
                        .executeBatch(rows).await().atMost(TIMEOUT);
            }
            boolean done = !"running".equals(status);
            pool.preparedQuery("UPDATE imports SET status = $2, updated_at = now(), finished_at = CASE WHEN $3 THEN now() END, "
                    + "total_rows = $4, read_rows = $5, imported = $6, duplicates = $7, rejected = $8, detail = $9 WHERE id = $1")
                    .execute(Tuple.of(id, status, done).addLong(progress.total() < 0 ? null : progress.total()).addLong(progress.read())
                            .addLong(progress.imported()).addLong(progress.duplicates()).addLong(progress.rejected()).addString(detail))
                    .await().atMost(TIMEOUT);
        } catch (RuntimeException e) {
            Log.warnf("Import %s: its progress could not be written (%s); it goes on", id, String.valueOf(e));
        }
    }

    /** The job, or null. */
    public Uni<ImportJob> find(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", now() AS now FROM imports WHERE id = $1").execute(Tuple.of(id))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row row = rows.iterator().next();
                    return pool.preparedQuery("SELECT file, row_number, reason FROM import_rejections WHERE import_id = $1 ORDER BY seq LIMIT "
                            + REJECTIONS_SHOWN).execute(Tuple.of(id)).map(rejections -> job(row, rejections));
                });
    }

    /** The latest jobs, newest first, without their refused rows. */
    public Uni<List<ImportJob>> recent(int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", now() AS now FROM imports ORDER BY started_at DESC LIMIT $1").execute(Tuple.of(limit))
                .map(rows -> {
                    List<ImportJob> jobs = new ArrayList<>();
                    rows.forEach(row -> jobs.add(job(row, null)));
                    return jobs;
                });
    }

    private static ImportJob job(Row row, RowSet<Row> rejections) {
        List<Rejection> refused = new ArrayList<>();
        if (rejections != null) {
            rejections.forEach(r -> refused.add(new Rejection(r.getString(0), r.getLong(1), r.getString(2))));
        }
        String status = row.getString("status");
        String detail = row.getString("detail");
        OffsetDateTime updated = row.getOffsetDateTime("updated_at");
        if ((status.equals("running") || status.equals("queued")) && updated.plus(STALE).isBefore(row.getOffsetDateTime("now"))) {
            status = "failed";
            detail = "interrupted: the replica running it stopped at " + updated + "; upload the file again (rows already imported are skipped)";
        }
        return new ImportJob(row.getUUID("id"), row.getString("source"), row.getString("format"), row.getString("kind"), status,
                row.getString("started_by"), row.getOffsetDateTime("started_at"), updated, row.getOffsetDateTime("finished_at"),
                row.getLong("total_rows"), row.getLong("read_rows"), row.getLong("imported"), row.getLong("duplicates"), row.getLong("rejected"),
                detail, rejections == null ? null : refused);
    }

    /** Text PostgreSQL stores whatever a file held: no NUL, at most 2,000 characters. */
    private static String storable(String text) {
        String clean = text.replace('\u0000', '\uFFFD');
        return clean.length() <= 2000 ? clean : clean.substring(0, 2000) + "…";
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Log.warnf("The upload %s could not be deleted: %s", file, e.getMessage());
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
        ticker.shutdownNow();
    }
}
