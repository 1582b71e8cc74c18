package com.retailintelligence.ingest;

import java.util.List;

import com.retailintelligence.problem.Problem;

/** What became of a posted batch: accepted (new events and duplicates counted) or rejected whole. */
public sealed interface IngestOutcome {

    /** The batch was stored: {@code accepted} new events, {@code duplicates} seen before. */
    record Accepted(int accepted, int duplicates) implements IngestOutcome {
    }

    /** Nothing was stored: the batch names stores the principal may not write (403). */
    record Forbidden(String detail) implements IngestOutcome {
    }

    /** Nothing was stored; {@code tooLarge} means over the event limit (413), otherwise invalid (400). */
    record Rejected(boolean tooLarge, String detail, List<Problem.FieldError> errors) implements IngestOutcome {
    }
}
