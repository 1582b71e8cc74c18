package com.retailintelligence.live;

/** The live feeds a display can subscribe to, by the type of the published messages they carry. */
public enum Feed {
    TRAFFIC("traffic"), SALES("sale"), ALERTS("alert");

    private final String messageType;

    Feed(String messageType) {
        this.messageType = messageType;
    }

    /** The {@code type} of the published messages this feed carries. */
    public String messageType() {
        return messageType;
    }
}
