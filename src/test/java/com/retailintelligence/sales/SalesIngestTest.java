package com.retailintelligence.sales;

import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postSales;
import static com.retailintelligence.support.Events.sale;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class SalesIngestTest {

    @Inject
    Pool pool;

    @Test
    void salesAndRefundsAddUpExactly() {
        String store = uniqueStoreId("sales");
        createStore(store, "Europe/Lisbon", "EUR");
        postSales(batch(List.of(
                sale("s1", store, "2026-11-20T10:00:00Z", "42.50", "EUR", "sale"),
                sale("s2", store, "2026-11-20T10:05:00Z", "0.10", "EUR", "sale"),
                sale("s3", store, "2026-11-20T10:05:30Z", "0.20", "EUR", "sale"),
                sale("r1", store, "2026-11-20T11:00:00Z", "10", "EUR", "refund"))))
                .statusCode(200).body("accepted", equalTo(4), "duplicates", equalTo(0));

        asAdmin().queryParam("date", "2026-11-20").get("/api/v1/sales/" + store).then().statusCode(200)
                .body("currency", equalTo("EUR"), "totals.transactions", equalTo(3), "totals.grossSales", equalTo("42.80"),
                        "totals.refunds", equalTo("10.00"), "totals.revenue", equalTo("32.80"), "totals.revenueMinor", equalTo(3280),
                        "totals.refundCount", equalTo(1), "totals.items", equalTo(3))
                .body("series[10].start", equalTo("2026-11-20T10:00:00Z"), "series[10].transactions", equalTo(3),
                        "series[10].revenue", equalTo("42.80"), "series[11].revenue", equalTo("-10.00"),
                        "series[11].refunds", equalTo("10.00"));
    }

    @Test
    void numberAmountsAndZeroDigitCurrencies() {
        String store = uniqueStoreId("yen");
        createStore(store, "Asia/Tokyo", "JPY");
        postSales("[{\"id\":\"y1\",\"storeId\":\"" + store + "\",\"timestamp\":\"2026-11-20T01:00:00Z\",\"amount\":1500,"
                + "\"currency\":\"JPY\"}]").statusCode(200).body("accepted", equalTo(1));
        asAdmin().queryParam("date", "2026-11-20").get("/api/v1/sales/" + store).then()
                .body("totals.revenue", equalTo("1500"), "totals.transactions", equalTo(1));
    }

    @Test
    void badAmountsAndCurrenciesAreListedAndNothingIsStored() {
        String store = uniqueStoreId("badsales");
        createStore(store, "UTC", "EUR");
        postSales("[" + sale("a", store, "2026-11-20T10:00:00Z", "1.005", "EUR", "sale") + ","
                + sale("b", store, "2026-11-20T10:00:00Z", "-3", "EUR", "sale") + ","
                + sale("c", store, "2026-11-20T10:00:00Z", "3", "USD", "sale") + ","
                + sale("d", store, "2026-11-20T10:00:00Z", "3", "EURO", "sale") + ","
                + sale("e", store, "2026-11-20T10:00:00Z", "3", "EUR", "gift") + ","
                + sale("f", store, "2026-11-20T10:00:00Z", "1e3", "EUR", "sale") + ","
                + "{\"id\":\"g\",\"storeId\":\"" + store + "\",\"timestamp\":\"2026-11-20T10:00:00Z\",\"currency\":\"EUR\",\"items\":-1}"
                + "]")
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("[0].amount", "[1].amount", "[2].currency", "[3].currency", "[4].type",
                        "[5].amount", "[6].amount", "[6].items"));
        assertEquals(0, Sql.count(pool, "SELECT count(*) FROM sales_events WHERE store_id = $1", store));
    }

    @Test
    void typeDefaultsToSale() {
        String store = uniqueStoreId("default");
        createStore(store, "UTC", "EUR");
        postSales("[{\"id\":\"x\",\"storeId\":\"" + store + "\",\"timestamp\":\"2026-11-20T10:00:00Z\",\"amount\":\"5\",\"currency\":\"EUR\"}]")
                .statusCode(200);
        asAdmin().queryParam("date", "2026-11-20").get("/api/v1/sales/" + store).then().body("totals.transactions", equalTo(1));
    }

    @Test
    void sameSaleTwiceCountsOnce() {
        String store = uniqueStoreId("salestwice");
        createStore(store, "UTC", "EUR");
        String body = batch(List.of(sale("p1", store, "2026-11-20T10:00:00Z", "9.99", "EUR", "sale")));
        postSales(body).statusCode(200).body("accepted", equalTo(1));
        postSales(body).statusCode(200).body("accepted", equalTo(0), "duplicates", equalTo(1));
        asAdmin().queryParam("date", "2026-11-20").get("/api/v1/sales/" + store).then().body("totals.revenue", equalTo("9.99"));
    }
}
