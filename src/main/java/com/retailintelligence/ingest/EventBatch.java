package com.retailintelligence.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.retailintelligence.problem.JsonErrors;
import com.retailintelligence.problem.Problem;
import com.retailintelligence.problem.UnstorableTextException;

/**
 * Reads a posted batch as a JSON tree. Events are checked by hand rather than bound to records, so that one
 * answer lists every bad event and field, type errors included (data binding stops at the first), and
 * amounts keep their exact decimal value.
 */
public final class EventBatch {

    private EventBatch() {
    }

    /** An ObjectReader that keeps JSON numbers with fractions as exact decimals. */
    public static ObjectReader reader(ObjectMapper mapper) {
        return mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /**
     * Parses the body into its events, or yields a rejection for malformed JSON, a body that is not an
     * array of objects, an empty batch or one over the limit.
     */
    public static Parsed parse(ObjectReader reader, byte[] body, int maxBatch) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : reader.readTree(body);
        } catch (UnstorableTextException e) {
            return rejected(false, e.detail());
        } catch (JsonProcessingException e) {
            return rejected(false, JsonErrors.detail(e));
        } catch (IOException e) {
            return rejected(false, "The request body could not be read.");
        }
        if (root == null || root.isMissingNode()) {
            return rejected(false, "The request body is empty; send a JSON array of events.");
        }
        if (!root.isArray()) {
            return rejected(false, "The request body must be a JSON array of events.");
        }
        if (root.isEmpty()) {
            return rejected(false, "The batch is empty; send 1 to " + maxBatch + " events.");
        }
        if (root.size() > maxBatch) {
            return rejected(true, "The batch has " + root.size() + " events; at most " + maxBatch + " are allowed.");
        }
        List<JsonNode> events = new ArrayList<>(root.size());
        root.forEach(events::add);
        return new Parsed(events, null);
    }

    private static Parsed rejected(boolean tooLarge, String detail) {
        return new Parsed(null, new IngestOutcome.Rejected(tooLarge, detail, List.<Problem.FieldError>of()));
    }

    /** Either the events of the batch or why it was rejected. */
    public record Parsed(List<JsonNode> events, IngestOutcome.Rejected rejection) {
    }
}
