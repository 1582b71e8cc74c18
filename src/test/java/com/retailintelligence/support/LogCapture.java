package com.retailintelligence.support;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Collects what the service logs (in a @QuarkusTest it runs in the test's JVM) at warning level and above while
 * open, so a test can assert that client mistakes leave no ERROR line and no stack trace.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new ArrayList<>();

    private LogCapture() {
        setLevel(Level.WARNING);
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            records.add(record);
        }
    }

    /** Records at ERROR (SEVERE) and warnings that carry a stack trace, as "LEVEL logger: message". */
    public synchronized List<String> errorsAndStackTraces() {
        List<String> found = new ArrayList<>();
        for (LogRecord record : records) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue() || record.getThrown() != null) {
                String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
                found.add(record.getLevel() + " " + record.getLoggerName() + ": " + message
                        + (record.getThrown() == null ? "" : " [" + record.getThrown() + "]"));
            }
        }
        return found;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
