package com.retailintelligence.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.aggregate.DayTotals;
import com.retailintelligence.aggregate.Metrics;
import com.retailintelligence.aggregate.RollupSql;
import com.retailintelligence.db.ScopedSql;
import com.retailintelligence.ingest.EventType;
import com.retailintelligence.ingest.FieldReader;
import com.retailintelligence.ingest.InsertStatement;
import com.retailintelligence.ingest.StoreDayGroups;
import com.retailintelligence.live.LiveBatch;
import com.retailintelligence.live.LiveJson;
import com.retailintelligence.store.StoreDirectory.StoreInfo;
import com.retailintelligence.validation.Currencies;
import com.retailintelligence.validation.Money;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/** POS transactions for the ingest pipeline: how to read, store, roll up and publish them. */
@ApplicationScoped
public class SaleEvents implements EventType<SaleEvent> {

    /**
     * One statement per batch: claim the batch's new ids (the dedupe: sales_event_ids' primary key, as the
     * partitioned event table cannot have one without the time), insert the transactions whose id was claimed,
     * and roll them up; see RollupSql. A batch naming an id twice keeps its first transaction, as before.
     */
    public static final String INSERT = RollupSql.statement("""
                batch AS (
                    SELECT DISTINCT ON (store_id, event_id) store_id, event_id, occurred_at, amount_minor, currency, items, kind
                    FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bigint[], $5::text[], $6::int[], $7::text[])
                         WITH ORDINALITY AS b(store_id, event_id, occurred_at, amount_minor, currency, items, kind, ord)
                    ORDER BY store_id, event_id, ord
                ), claimed AS (
                    INSERT INTO sales_event_ids (store_id, event_id, occurred_at)
                    SELECT store_id, event_id, occurred_at FROM batch
                    ON CONFLICT (store_id, event_id) DO NOTHING
                    RETURNING store_id, event_id
                ), inserted AS (
                    INSERT INTO sales_events (store_id, event_id, occurred_at, amount_minor, currency, items, kind)
                    SELECT b.store_id, b.event_id, b.occurred_at, b.amount_minor, b.currency, b.items, b.kind
                    FROM batch b JOIN claimed c ON c.store_id = b.store_id AND c.event_id = b.event_id
                    RETURNING store_id, event_id, occurred_at, amount_minor, items, kind
                )
            """, Metrics.SALES_SQL);


    private static final List<String> TYPES = List.of(SaleEvent.SALE, SaleEvent.REFUND);

    private final ScopedSql sql;

    public SaleEvents(ScopedSql sql) {
        this.sql = sql;
    }

    @Override
    public String name() {
        return "sale";
    }

    @Override
    public SaleEvent read(int index, JsonNode event, FieldReader fields, Instant latest) {
        String id = fields.identifier(index, event, "id");
        String storeId = fields.storeId(index, event);
        Instant timestamp = fields.timestamp(index, event, latest);
        BigDecimal amount = fields.amount(index, event, "amount");
        String code = fields.text(index, event, "currency");
        Integer items = event.has("items") && !event.get("items").isNull() ? fields.count(index, event, "items", null) : null;
        boolean itemsInvalid = event.has("items") && !event.get("items").isNull() && items == null;
        String type = fields.oneOf(index, event, "type", TYPES, SaleEvent.SALE);
        Currency currency = null;
        if (code != null) {
            currency = Currencies.find(code);
            if (currency == null) {
                fields.error(index, "currency", "must be an ISO 4217 currency code such as EUR");
            }
        }
        Long minor = null;
        if (amount != null && currency != null) {
            int digits = currency.getDefaultFractionDigits();
            if (amount.stripTrailingZeros().scale() > digits) {
                fields.error(index, "amount", "has more decimals than " + currency.getCurrencyCode() + " allows (" + digits + ")");
            } else {
                minor = amount.movePointRight(digits).longValueExact();
            }
        }
        if (id == null || storeId == null || timestamp == null || minor == null || itemsInvalid || type == null) {
            return null;
        }
        return new SaleEvent(id, storeId, timestamp, minor, currency.getCurrencyCode(), items, type);
    }

    @Override
    public void checkAgainstStore(int index, SaleEvent event, StoreInfo store, FieldReader fields) {
        if (!store.currency().equals(event.currency())) {
            fields.error(index, "currency", "store '" + store.id() + "' records sales in " + store.currency());
        }
    }

    @Override
    public Uni<Inserted<SaleEvent>> insert(List<SaleEvent> events, StoreScope scope) {
        int n = events.size();
        String[] stores = new String[n];
        String[] ids = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        Long[] amounts = new Long[n];
        String[] currencies = new String[n];
        Integer[] items = new Integer[n];
        String[] types = new String[n];
        for (int i = 0; i < n; i++) {
            SaleEvent e = events.get(i);
            stores[i] = e.storeId();
            ids[i] = e.id();
            times[i] = e.timestamp().atOffset(ZoneOffset.UTC);
            amounts[i] = e.amountMinor();
            currencies[i] = e.currency();
            items[i] = e.items();
            types[i] = e.type();
        }
        return InsertStatement.execute(sql, scope, INSERT, Tuple.tuple(List.of(stores, ids, times, amounts, currencies, items, types)),
                events);
    }

    @Override
    public List<LiveBatch> liveMessages(List<SaleEvent> accepted, Map<String, StoreInfo> stores, DayTotals totals) {
        List<LiveBatch> batches = new ArrayList<>();
        for (StoreDayGroups.Group<SaleEvent> group : StoreDayGroups.of(accepted, stores)) {
            List<SaleEvent> sales = group.events();
            String currency = sales.get(0).currency();
            String day = group.day().toString();
            // Running totals right after each event: count back from the day totals through the later events.
            long[] transactions = new long[sales.size()];
            long[] net = new long[sales.size()];
            long t = totals.get(group.storeId(), group.day(), Metrics.TRANSACTIONS);
            long n = totals.get(group.storeId(), group.day(), Metrics.GROSS) - totals.get(group.storeId(), group.day(), Metrics.REFUNDS);
            for (int i = sales.size() - 1; i >= 0; i--) {
                SaleEvent sale = sales.get(i);
                transactions[i] = t;
                net[i] = n;
                t -= sale.isRefund() ? 0 : 1;
                n -= sale.isRefund() ? -sale.amountMinor() : sale.amountMinor();
            }
            List<String> messages = new ArrayList<>(sales.size());
            for (int i = 0; i < sales.size(); i++) {
                SaleEvent sale = sales.get(i);
                int at = i;
                // Without its conversion rate, which the subscribing replica adds (it needs the day's visitors).
                messages.add(LiveJson.write(json -> {
                    json.writeStartObject();
                    json.writeStringField("type", "sale");
                    json.writeStringField("storeId", group.storeId());
                    json.writeStringField("eventId", sale.id());
                    json.writeStringField("timestamp", sale.timestamp().toString());
                    json.writeStringField("saleType", sale.type());
                    json.writeStringField("amount", Money.format(sale.amountMinor(), currency));
                    json.writeNumberField("amountMinor", sale.amountMinor());
                    if (sale.items() != null) {
                        json.writeNumberField("items", sale.items());
                    }
                    json.writeNumberField("transactionsToday", transactions[at]);
                    json.writeStringField("revenueToday", Money.format(net[at], currency));
                    json.writeNumberField("revenueTodayMinor", net[at]);
                    json.writeStringField("localDay", day);
                    json.writeStringField("currency", currency);
                    json.writeEndObject();
                }));
            }
            batches.add(LiveBatch.sales(group.storeId(), group.day(), messages, transactions));
        }
        return batches;
    }
}
