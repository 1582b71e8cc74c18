package com.retailintelligence.audit;

/**
 * One audit record: who ({@code actor}: a username, {@code key:<prefix>} for an API key, {@code anonymous}
 * or {@code system}), through which interface, did which action to which target, with which result.
 */
public record AuditEntry(String actor, Channel channel, String action, String target, Result result, String requestId,
        String detail) {

    /** The interface an action came through. */
    public enum Channel {
        REST, WEBSOCKET, TELEGRAM, SYSTEM;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What became of the action. */
    public enum Result {
        SUCCESS, FAILURE, DENIED;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
