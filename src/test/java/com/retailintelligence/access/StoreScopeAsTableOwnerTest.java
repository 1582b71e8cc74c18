package com.retailintelligence.access;

import com.retailintelligence.support.AsTableOwner;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A manager of A cannot read, list, change or subscribe to B even when the database would let it: the application says no. */
@QuarkusTest
@TestProfile(AsTableOwner.class)
class StoreScopeAsTableOwnerTest extends StoreScopeTest {
}
