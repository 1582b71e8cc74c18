package com.retailintelligence.aggregate;

import java.util.List;

/** Names of the rolled-up metrics, as stored in PostgreSQL and Redis. Money is in minor units. */
public final class Metrics {

    public static final String VISITORS = "visitors";
    public static final String EXITS = "exits";
    public static final String TRANSACTIONS = "transactions";
    public static final String GROSS = "gross";
    public static final String REFUNDS = "refunds";
    public static final String REFUND_COUNT = "refund_count";
    public static final String ITEMS = "items";

    public static final List<String> TRAFFIC = List.of(VISITORS, EXITS);
    public static final List<String> SALES = List.of(TRANSACTIONS, GROSS, REFUNDS, REFUND_COUNT, ITEMS);

    /** What one reading (alias {@code i}) adds to each metric: the SQL function of migration V2. */
    public static final String TRAFFIC_SQL = "traffic_metrics(i.in_count, i.out_count)";

    /** What one transaction (alias {@code i}) adds to each metric: the SQL function of migration V2. */
    public static final String SALES_SQL = "sale_metrics(i.kind, i.amount_minor, i.items)";

    private Metrics() {
    }
}
