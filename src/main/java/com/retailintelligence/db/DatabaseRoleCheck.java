package com.retailintelligence.db;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Says at start-up, loudly, when the service's database role escapes row-level security (a superuser, a role
 * with BYPASSRLS, or the tables' owner): the application's checks still hold, the database's do not.
 */
@Singleton
public class DatabaseRoleCheck {

    private static final String QUERY = "SELECT current_user AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypass, "
            + "coalesce(pg_has_role(current_user, t.tableowner, 'MEMBER'), false) AS owner "
            + "FROM pg_roles r LEFT JOIN pg_tables t ON t.schemaname = current_schema() AND t.tablename = 'stores' "
            + "WHERE r.rolname = current_user";

    void onStart(@Observes StartupEvent event, Pool pool) {
        pool.query(QUERY).execute().subscribe().with(rows -> {
            var row = rows.iterator().next();
            if (row.getBoolean("superuser") || row.getBoolean("bypass") || row.getBoolean("owner")) {
                Log.warnf("The service connects to PostgreSQL as '%s', which %s: row-level security does not apply to it. "
                        + "The service still checks every principal's stores itself, but the database's second lock is off. "
                        + "Connect as a member of retail_app instead (DATABASE_URL; see docs/security.md).",
                        row.getString("name"), row.getBoolean("superuser") ? "is a superuser"
                                : row.getBoolean("bypass") ? "has BYPASSRLS" : "owns the tables");
            }
        }, failure -> Log.warnf("Could not check the database role: %s", failure.getMessage()));
    }
}
