package dev.kubeward.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * {@code --format policyreport}: the reports of {@link PolicyReports} as one {@code v1 List}, so
 * that {@code kubectl apply -f} takes the output as it is.
 */
public final class PolicyReportReporter implements Reporter {
    private final PolicyReports.Api api;
    private final Supplier<Instant> clock;
    private final String name;
    private final boolean passes;

    public PolicyReportReporter(PolicyReports.Api api, Supplier<Instant> clock) {
        this(api, clock, PolicyReports.NAME);
    }

    /** Reports of the set {@code name} ({@link PolicyReports#NAME}, {@link PolicyReports#KUBELETS}). */
    public PolicyReportReporter(PolicyReports.Api api, Supplier<Instant> clock, String name) {
        this(api, clock, name, false);
    }

    /** With {@code passes}, a pass result per object and check that found nothing ({@link PolicyReports#withPasses}). */
    public PolicyReportReporter(PolicyReports.Api api, Supplier<Instant> clock, String name, boolean passes) {
        this.api = api;
        this.clock = clock;
        this.name = name;
        this.passes = passes;
    }

    @Override
    public void write(ScanReport report, RenderOptions options, Writer out) throws IOException {
        JsonGenerator g = JsonDocuments.generator(out);
        g.writeStartObject();
        g.writeStringField("apiVersion", "v1");
        g.writeStringField("kind", "List");
        g.writeObjectFieldStart("metadata");
        g.writeEndObject();
        g.writeArrayFieldStart("items");
        for (ObjectNode rep : new PolicyReports(api, clock.get(), name).withPasses(passes).build(report, options)) {
            g.writeTree(rep);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.write(System.lineSeparator());
    }
}
