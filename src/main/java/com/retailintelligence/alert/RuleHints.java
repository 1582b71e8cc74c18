package com.retailintelligence.alert;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this replica last learned of each rule's alert — open, closed, cooling down until a time, or an attempt in
 * flight — so that the engine does not send a statement on every event while nothing can change. Only a hint: the
 * statements in AlertGuard decide, and a hint older than {@link #TRUST_MILLIS} is checked again.
 */
final class RuleHints {

    static final long TRUST_MILLIS = 30_000;

    enum State { OPEN, CLOSED, COOLING, BUSY }

    private record Hint(State state, long until) {
    }

    private final Map<Long, Hint> hints = new ConcurrentHashMap<>();

    /** True when a fire attempt may change something now (not known open, not cooling, nothing in flight). */
    boolean mayFire(long ruleId, Instant now) {
        Hint hint = hints.get(ruleId);
        if (hint == null) {
            return true;
        }
        return switch (hint.state()) {
            case BUSY -> hint.until() < now.toEpochMilli();
            case OPEN -> hint.until() < now.toEpochMilli(); // re-checked now and then: another replica may have resolved it
            case COOLING -> hint.until() <= now.toEpochMilli();
            case CLOSED -> true;
        };
    }

    /** True when a resolve attempt may change something now (not known closed, nothing in flight). */
    boolean mayResolve(long ruleId, Instant now) {
        Hint hint = hints.get(ruleId);
        if (hint == null) {
            return true;
        }
        return switch (hint.state()) {
            case BUSY -> hint.until() < now.toEpochMilli();
            case CLOSED, COOLING -> hint.until() < now.toEpochMilli();
            case OPEN -> true;
        };
    }

    /** Marks an attempt in flight; false when one already is (the caller then does nothing). */
    boolean begin(long ruleId, Instant now) {
        Hint busy = new Hint(State.BUSY, now.toEpochMilli() + TRUST_MILLIS);
        boolean[] won = new boolean[1];
        hints.compute(ruleId, (id, hint) -> {
            if (hint != null && hint.state() == State.BUSY && hint.until() >= now.toEpochMilli()) {
                return hint;
            }
            won[0] = true;
            return busy;
        });
        return won[0];
    }

    void open(long ruleId, Instant now) {
        hints.put(ruleId, new Hint(State.OPEN, now.toEpochMilli() + TRUST_MILLIS));
    }

    void closed(long ruleId, Instant now) {
        hints.put(ruleId, new Hint(State.CLOSED, now.toEpochMilli() + TRUST_MILLIS));
    }

    void cooling(long ruleId, Instant until) {
        hints.put(ruleId, new Hint(State.COOLING, until.toEpochMilli()));
    }

    /** Forgets what is known (an attempt failed, or the rule changed). */
    void forget(long ruleId) {
        hints.remove(ruleId);
    }
}
