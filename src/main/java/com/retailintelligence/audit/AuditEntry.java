package com.retailintelligence.audit;

/**
 * One audit record: who ({@code actor}: a username, {@code key:<prefix>} for an API key, {@code anonymous}
 * or {@code system}), through which interface, did which action to which target, with which result; and how many
 * such events it stands for ({@code occurrences}: 1, or more for a row that folds repeated denials).
 */
public record AuditEntry(String actor, Channel channel, String action, String target, Result result, String requestId,
        String detail, int occurrences) {

    public AuditEntry(String actor, Channel channel, String action, String target, Result result, String requestId,
            String detail) {
        this(actor, channel, action, target, result, requestId, detail, 1);
    }

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
