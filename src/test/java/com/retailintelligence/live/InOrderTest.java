package com.retailintelligence.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** Sales waiting for a read leave in the order they came, and a sale with nothing to wait for overtakes none. */
class InOrderTest {

    @Test
    void stepsRunOneAtATimeInOrderAndAFailureDoesNotStopTheRest() {
        InOrder queue = new InOrder();
        List<String> done = new ArrayList<>();
        CompletableFuture<Void> firstRead = new CompletableFuture<>();
        assertTrue(queue.idle());
        queue.add(() -> Uni.createFrom().completionStage(firstRead).invoke(() -> done.add("first")));
        queue.add(() -> Uni.createFrom().<Void>failure(new IllegalStateException("Redis away")));
        queue.add(() -> Uni.createFrom().voidItem().invoke(() -> done.add("third")));
        assertFalse(queue.idle(), "a step waits: a later sale must queue behind it");
        assertEquals(List.of(), done, "nothing overtakes the first, still waiting for its read");
        firstRead.complete(null);
        assertEquals(List.of("first", "third"), done);
        assertTrue(queue.idle());
    }
}
