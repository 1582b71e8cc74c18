package com.retailintelligence.ingest;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The room of {@link IngestAdmission}: requests in flight, and the body bytes they declared. Requests bound the
 * per-request work (what single events cost), bytes bound the per-event work and the memory (what batches cost);
 * either alone misjudges one of the two shapes. A request alone is always let in, however large its body, so a
 * large batch is never refused for good. Safe to share between event loops.
 */
final class AdmissionBudget {

    /** Why a request was refused, as the metric tag says it. */
    enum Refusal {
        REQUESTS("requests-in-flight"), BODY_BYTES("body-bytes-in-flight");

        final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }
    }

    private final int maxRequests;
    private final long maxBytes;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    AdmissionBudget(int maxRequests, long maxBytes) {
        this.maxRequests = maxRequests;
        this.maxBytes = maxBytes;
    }

    /** Takes room for a request with a body of this many bytes: null when admitted (then {@link #release} it), else why not. */
    Refusal admit(long bodyBytes) {
        if (requests.incrementAndGet() > maxRequests) {
            requests.decrementAndGet();
            return Refusal.REQUESTS;
        }
        long total = bytes.addAndGet(bodyBytes);
        if (total > maxBytes && total != bodyBytes) {
            bytes.addAndGet(-bodyBytes);
            requests.decrementAndGet();
            return Refusal.BODY_BYTES;
        }
        return null;
    }

    /** Gives back the room an admitted request took. */
    void release(long bodyBytes) {
        bytes.addAndGet(-bodyBytes);
        requests.decrementAndGet();
    }

    int requests() {
        return requests.get();
    }

    long bytes() {
        return bytes.get();
    }
}
