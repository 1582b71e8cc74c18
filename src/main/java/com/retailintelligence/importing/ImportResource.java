package com.retailintelligence.importing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.retailintelligence.access.Roles;
import com.retailintelligence.audit.AuditLog;
import com.retailintelligence.audit.Caller;
import com.retailintelligence.problem.Problem;
import com.retailintelligence.problem.Problems;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * Admin REST API of the legacy import (docs/legacy-import.md): upload a SQLite file or a CSV export as a multipart
 * form, get 202 and the job's URL, and follow it at GET /api/v1/imports/{id}. The same import as the jar's import
 * command; options with the same names.
 */
@jakarta.ws.rs.Path("/api/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
public class ImportResource {

    private final ImportJobs jobs;
    private final ImportConfig config;
    private final Caller caller;
    private final AuditLog audit;

    public ImportResource(ImportJobs jobs, ImportConfig config, Caller caller, AuditLog audit) {
        this.jobs = jobs;
        this.config = config;
        this.caller = caller;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    @Operation(summary = "Start an import of history from an uploaded file",
            description = "Form fields: file (a SQLite database or a CSV file; required), kind (traffic|sales, for a CSV), "
                    + "mapping (a YAML mapping file), column (FIELD=NAME, repeatable, for a CSV), timezone, store, strict (true|false). "
                    + "Answers 202 with the job; 409 while this replica runs another import.")
    public Response start(@RestForm("file") FileUpload file, @RestForm("kind") String kind, @RestForm("mapping") FileUpload mapping,
            @RestForm("column") List<String> columns, @RestForm("timezone") String timezone, @RestForm("store") String store,
            @RestForm("strict") String strict) throws IOException {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (file == null || file.uploadedFile() == null) {
            errors.add(new Problem.FieldError("file", "is required: the SQLite file or CSV export, as a file part"));
        }
        boolean sqlite = file != null && file.uploadedFile() != null && SqliteFile.isSqlite(file.uploadedFile());
        ImportKind parsedKind = blank(kind) ? null : ImportKind.parse(kind);
        if (!blank(kind) && parsedKind == null) {
            errors.add(new Problem.FieldError("kind", "must be traffic or sales"));
        } else if (file != null && file.uploadedFile() != null && !sqlite && parsedKind == null) {
            errors.add(new Problem.FieldError("kind", "is required for a CSV file: traffic or sales"));
        }
        ZoneId zone = null;
        if (!blank(timezone)) {
            try {
                zone = ZoneId.of(timezone.strip());
            } catch (DateTimeException e) {
                errors.add(new Problem.FieldError("timezone", "must be an IANA time zone such as Europe/Lisbon"));
            }
        }
        if (!blank(strict) && !strict.equals("true") && !strict.equals("false")) {
            errors.add(new Problem.FieldError("strict", "must be true or false"));
        }
        Map<String, String> columnMap = new LinkedHashMap<>();
        for (String column : columns == null ? List.<String>of() : columns) {
            int equals = column.indexOf('=');
            if (equals <= 0 || equals == column.length() - 1) {
                errors.add(new Problem.FieldError("column", "'" + column + "' must be FIELD=NAME, e.g. in=entered"));
            } else if (parsedKind != null && !RowFields.of(parsedKind).contains(column.substring(0, equals).strip())) {
                errors.add(new Problem.FieldError("column", "'" + column.substring(0, equals).strip() + "' is not a " + parsedKind.wireName()
                        + " field (" + String.join(", ", RowFields.of(parsedKind)) + ")"));
            } else {
                columnMap.put(column.substring(0, equals).strip(), column.substring(equals + 1).strip());
            }
        }
        ImportMapping parsedMapping = null;
        if (mapping != null && mapping.uploadedFile() != null) {
            try {
                parsedMapping = ImportMapping.read(mapping.uploadedFile());
            } catch (ImportException e) {
                errors.add(new Problem.FieldError("mapping", e.getMessage().replace(mapping.uploadedFile().toString(), mapping.fileName())));
            }
        }
        if (!errors.isEmpty()) {
            return Problems.response(Response.Status.BAD_REQUEST, errors.size() + (errors.size() == 1 ? " error" : " errors")
                    + " in the import form; nothing was imported.", errors);
        }
        String name = displayName(file.fileName());
        Path kept = keep(file);
        ImportRequest request = new ImportRequest(kept, name, parsedMapping, parsedKind, columnMap, zone, blank(store) ? null : store.strip(),
                "true".equals(strict), caller.identity().getPrincipal().getName());
        ImportJobs.Submitted submitted = jobs.submit(request, request.actor());
        if (submitted instanceof ImportJobs.Submitted.Busy busy) {
            return Problems.conflict("This replica is running import " + busy.running() + "; start this one when it is done.");
        }
        ImportJob job = ((ImportJobs.Submitted.Started) submitted).job();
        audit.record(caller.changed("import.start", name, "id=" + job.id() + " format=" + job.format()
                + (job.kind() == null ? "" : " kind=" + job.kind()))).await().atMost(java.time.Duration.ofSeconds(30));
        return Response.accepted(job).location(URI.create("/api/v1/imports/" + job.id())).build();
    }

    @GET
    @jakarta.ws.rs.Path("{id}")
    @Operation(summary = "An import's progress, counters, refused rows (the first 1,000) and summary")
    public Uni<Response> get(@PathParam("id") String id) {
        UUID uuid = uuid(id);
        if (uuid == null) {
            return Uni.createFrom().item(Problems.notFound("No import with id '" + id + "'."));
        }
        return jobs.find(uuid).map(job -> job == null ? Problems.notFound("No import with id '" + id + "'.") : Response.ok(job).build());
    }

    @GET
    @Operation(summary = "The latest 50 imports, newest first")
    public Uni<List<ImportJob>> list() {
        return jobs.recent(50);
    }

    /** Moves the upload out of Quarkus' upload folder, which is emptied when the request ends. */
    private Path keep(FileUpload file) throws IOException {
        Path dir = config.uploadDir().map(Path::of).orElse(Path.of(System.getProperty("java.io.tmpdir")));
        Files.createDirectories(dir);
        Path target = Files.createTempFile(dir, "import-", ".upload");
        return Files.move(file.uploadedFile(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The uploaded file's own name, without any folder and without control characters; "upload" when none is left. */
    static String displayName(String uploaded) {
        String name = uploaded == null ? "" : uploaded.substring(Math.max(uploaded.lastIndexOf('/'), uploaded.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "").strip();
        return name.isEmpty() ? "upload" : name.length() > 200 ? name.substring(0, 200) : name;
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
