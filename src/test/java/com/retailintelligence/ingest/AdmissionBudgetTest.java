package com.retailintelligence.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The admission's two bounds: requests and declared body bytes, a request alone always let in, room given back. */
class AdmissionBudgetTest {

    @Test
    void smallRequestsMeetTheRequestsBound() {
        AdmissionBudget budget = new AdmissionBudget(2, 1000);
        assertNull(budget.admit(100));
        assertNull(budget.admit(100));
        assertEquals(AdmissionBudget.Refusal.REQUESTS, budget.admit(100));
        assertEquals(2, budget.requests());
        assertEquals(200, budget.bytes());
        budget.release(100);
        assertNull(budget.admit(100));
    }

    @Test
    void largeBodiesMeetTheBytesBoundAndARefusalTakesNoRoom() {
        AdmissionBudget budget = new AdmissionBudget(10, 1000);
        assertNull(budget.admit(600));
        assertNull(budget.admit(400));
        assertEquals(AdmissionBudget.Refusal.BODY_BYTES, budget.admit(1));
        assertEquals(2, budget.requests());
        assertEquals(1000, budget.bytes());
        assertNull(budget.admit(0), "a request without a declared body needs only a request's room");
        budget.release(0);
        budget.release(600);
        assertNull(budget.admit(600));
    }

    @Test
    void aBodyLargerThanTheWholeBudgetIsLetInAlone() {
        AdmissionBudget budget = new AdmissionBudget(10, 1000);
        assertNull(budget.admit(5000));
        assertEquals(AdmissionBudget.Refusal.BODY_BYTES, budget.admit(10));
        budget.release(5000);
        assertNull(budget.admit(10));
        assertEquals(AdmissionBudget.Refusal.BODY_BYTES, budget.admit(5000), "not alone any more");
        assertEquals(1, budget.requests());
        assertEquals(10, budget.bytes());
    }
}
