package com.retailintelligence.analytics;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.db.ScopedSql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** PostgreSQL access to the stores' opening hours and targets (migration V7), always under the caller's scope. */
@ApplicationScoped
public class StoreSettingsRepository {

    private static final String READ = """
            SELECT 'h' AS kind, weekday, extract(hour FROM opens)::int AS opens, extract(hour FROM closes)::int AS closes,
                   NULL::bigint AS visitors, NULL::bigint AS revenue_minor, NULL::numeric AS conversion_rate
            FROM store_opening_hours WHERE store_id = $1
            UNION ALL
            SELECT 't', weekday, NULL, NULL, visitors, revenue_minor, conversion_rate FROM store_targets WHERE store_id = $1
            """;

    private final ScopedSql sql;

    public StoreSettingsRepository(ScopedSql sql) {
        this.sql = sql;
    }

    public Uni<StoreSettings> read(StoreScope scope, String storeId) {
        return sql.statement(scope, READ, Tuple.of(storeId)).map(rows -> {
            Map<DayOfWeek, StoreSettings.OpeningDay> hours = new EnumMap<>(DayOfWeek.class);
            Map<DayOfWeek, StoreSettings.Target> targets = new EnumMap<>(DayOfWeek.class);
            for (Row row : rows) {
                DayOfWeek weekday = DayOfWeek.of(row.getInteger("weekday"));
                if ("h".equals(row.getString("kind"))) {
                    hours.put(weekday, new StoreSettings.OpeningDay(row.getInteger("opens"), row.getInteger("closes")));
                } else {
                    BigDecimal rate = row.getBigDecimal("conversion_rate");
                    targets.put(weekday, new StoreSettings.Target(row.getLong("visitors"), row.getLong("revenue_minor"),
                            rate == null ? null : rate.stripTrailingZeros()));
                }
            }
            return new StoreSettings(hours, targets);
        });
    }

    /** Replaces a store's opening hours with these (in the caller's transaction). */
    public Uni<Void> replaceOpeningHours(SqlConnection tx, String storeId, Map<DayOfWeek, StoreSettings.OpeningDay> hours) {
        List<Tuple> rows = new ArrayList<>();
        hours.forEach((day, hoursOfDay) -> rows.add(Tuple.of(storeId, day.getValue(), hoursOfDay.opensHour(), hoursOfDay.closesHour())));
        Uni<Void> delete = tx.preparedQuery("DELETE FROM store_opening_hours WHERE store_id = $1").execute(Tuple.of(storeId)).replaceWithVoid();
        return rows.isEmpty() ? delete : delete.chain(() -> tx.preparedQuery("INSERT INTO store_opening_hours (store_id, weekday, opens, closes) "
                + "VALUES ($1, $2, make_time($3, 0, 0), make_time($4, 0, 0))").executeBatch(rows).replaceWithVoid());
    }

    /** Replaces a store's targets with these (in the caller's transaction). */
    public Uni<Void> replaceTargets(SqlConnection tx, String storeId, Map<DayOfWeek, StoreSettings.Target> targets) {
        List<Tuple> rows = new ArrayList<>();
        targets.forEach((day, target) -> rows.add(Tuple.of(storeId, day.getValue(), target.visitors(), target.revenueMinor(),
                target.conversionRate())));
        Uni<Void> delete = tx.preparedQuery("DELETE FROM store_targets WHERE store_id = $1").execute(Tuple.of(storeId)).replaceWithVoid();
        return rows.isEmpty() ? delete : delete.chain(() -> tx.preparedQuery("INSERT INTO store_targets "
                + "(store_id, weekday, visitors, revenue_minor, conversion_rate) VALUES ($1, $2, $3, $4, $5)").executeBatch(rows)
                .replaceWithVoid());
    }
}
