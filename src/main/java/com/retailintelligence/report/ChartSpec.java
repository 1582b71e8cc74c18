package com.retailintelligence.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a report chart shows: per category (local hour, day or store) visitors and transactions as bars, and
 * optionally a comparison's visitors as a line.
 *
 * <p>{@code subtitle} and {@code categoryAxisLabel} may be null (not drawn). {@code comparisonLabel} and
 * {@code comparisonVisitors} are both given (a line, e.g. "Visitors last week") or both null (no line); an element of
 * {@code comparisonVisitors} may be null where the comparison has no such category (the repeated hour of a 25-hour
 * day), which leaves a gap in the line. Every other list is non-null, has no null elements and no negative counts, and
 * all lists have as many elements as {@code categories}. Category labels need not be unique (a 25-hour day has two
 * "02:00"). The lists are copied.
 */
public record ChartSpec(String title, String subtitle, String categoryAxisLabel, List<String> categories,
        List<Long> visitors, List<Long> transactions, String comparisonLabel, List<Long> comparisonVisitors) {

    public ChartSpec {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title is required");
        }
        categories = copy("categories", categories, categories == null ? 0 : categories.size(), false);
        visitors = counts("visitors", visitors, categories.size(), false);
        transactions = counts("transactions", transactions, categories.size(), false);
        if ((comparisonVisitors == null) != (comparisonLabel == null)) {
            throw new IllegalArgumentException("comparisonLabel and comparisonVisitors are given together or not at all");
        }
        if (comparisonLabel != null && comparisonLabel.isBlank()) {
            throw new IllegalArgumentException("comparisonLabel is blank");
        }
        if (comparisonVisitors != null) {
            comparisonVisitors = counts("comparisonVisitors", comparisonVisitors, categories.size(), true);
        }
    }

    private static List<Long> counts(String name, List<Long> values, int size, boolean nullElements) {
        List<Long> copy = copy(name, values, size, nullElements);
        for (Long value : copy) {
            if (value != null && value < 0) {
                throw new IllegalArgumentException(name + " has a negative count: " + value);
            }
        }
        return copy;
    }

    private static <T> List<T> copy(String name, List<T> values, int size, boolean nullElements) {
        if (values == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (values.size() != size) {
            throw new IllegalArgumentException(name + " has " + values.size() + " elements for " + size + " categories");
        }
        List<T> copy = new ArrayList<>(values);
        if (!nullElements && copy.contains(null)) {
            throw new IllegalArgumentException(name + " has a null element");
        }
        return Collections.unmodifiableList(copy);
    }
}
