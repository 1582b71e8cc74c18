package com.retailintelligence.access;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.AsTableOwner;
import com.retailintelligence.support.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The whole role x endpoint matrix again, with row-level security out of the way: the same answers. */
@QuarkusTest
@TestProfile(AsTableOwner.class)
class AccessMatrixAsTableOwnerTest extends AccessMatrixTest {

    @Test
    void theConnectionReallyEscapesRowLevelSecurity() {
        // With no store scope at all, row-level security would show no store: as the owner, every one shows.
        assertTrue(Sql.inScope(pool, "", "SELECT count(*) FROM stores").iterator().next().getLong(0) > 0,
                "the owner sees stores with an empty scope: row-level security does not apply to it");
    }
}
