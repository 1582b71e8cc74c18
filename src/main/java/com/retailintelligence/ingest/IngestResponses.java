package com.retailintelligence.ingest;

import jakarta.ws.rs.core.Response;

import com.retailintelligence.audit.Caller;
import com.retailintelligence.problem.Problems;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Turns an ingest outcome into the HTTP answer: 200 with counts, or 400/403/413 problem+json. */
public final class IngestResponses {

    private IngestResponses() {
    }

    /** The answer for the caller; a batch refused for its stores is also recorded as a denied access. */
    public static Response of(IngestOutcome outcome, Caller caller) {
        if (outcome instanceof IngestOutcome.Accepted accepted) {
            return Response.ok(new IngestResult(accepted.accepted(), accepted.duplicates())).build();
        }
        if (outcome instanceof IngestOutcome.Forbidden forbidden) {
            caller.denied("ingest for stores outside the principal's", forbidden.detail());
            return Problems.response(Response.Status.FORBIDDEN, forbidden.detail());
        }
        IngestOutcome.Rejected rejected = (IngestOutcome.Rejected) outcome;
        Response.Status status = rejected.tooLarge() ? Response.Status.REQUEST_ENTITY_TOO_LARGE : Response.Status.BAD_REQUEST;
        return Problems.response(status, rejected.detail(), rejected.errors());
    }

    /** The answer to an accepted batch. */
    @RegisterForReflection
    public record IngestResult(int accepted, int duplicates) {
    }
}
