package com.retailintelligence.traffic;

import java.util.List;

/**
 * A store-day's visitors and exits right after each reading of a batch, counted back from the day totals the batch's
 * statement left (the live messages and the occupancy alerts both need them).
 */
public final class RunningTotals {

    private final long[] visitors;
    private final long[] exits;

    private RunningTotals(long[] visitors, long[] exits) {
        this.visitors = visitors;
        this.exits = exits;
    }

    /** {@code visitorsTotal} and {@code exitsTotal}: the day's totals after the last of {@code readings}. */
    public static RunningTotals countBack(List<TrafficReading> readings, long visitorsTotal, long exitsTotal) {
        long[] visitors = new long[readings.size()];
        long[] exits = new long[readings.size()];
        long v = visitorsTotal;
        long x = exitsTotal;
        for (int i = readings.size() - 1; i >= 0; i--) {
            visitors[i] = v;
            exits[i] = x;
            v -= readings.get(i).in();
            x -= readings.get(i).out();
        }
        return new RunningTotals(visitors, exits);
    }

    public long visitorsAfter(int index) {
        return visitors[index];
    }

    /** People inside after the reading: visitors minus exits, never below 0. */
    public long occupancyAfter(int index) {
        return Math.max(0, visitors[index] - exits[index]);
    }
}
