package io.resetflow.audit;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.resetflow.schemas.EventHeaders;
import io.resetflow.schemas.Topics;
import io.resetflow.schemas.chain.ChainHeader;
import io.resetflow.schemas.chain.ChainVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the invariants over the whole log; exit 0 with a one-line summary when they all hold, "
                + "1 listing every violation with the offending event ids.",
                "Checks: every ResetRequested with a user has exactly one decision; every link issued for EMAIL, SMS "
                        + "or WEBHOOK has a DeliveryOutcome or the request was throttled; no link redeemed twice, after "
                        + "it expired or after a newer link replaced it; no reset link or unmasked email address in the "
                        + "clear; event ids unique; every causationId resolves; every record decodes; the rf-chain "
                        + "tamper-evidence chains are intact."})
class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LogOptions log;

    @Option(names = "--tenant", paramLabel = "TENANT_ID",
            description = "Judge only this tenant's events (the whole log is still read, so causations resolve).")
    String tenant;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "PT0S",
            description = "On a live log, do not yet expect a decision or a delivery outcome for events this close to "
                    + "the newest event (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration grace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<LoggedEvent> events = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        ChainVerifier chains = new ChainVerifier(Set.of(Topics.TENANT_SETTINGS));
        LogReader.Summary summary = new LogReader(log, new Progress(err, !log.noProgress)).read(new LogReader.Sink() {
            @Override
            public void event(LoggedEvent event, ConsumerRecord<byte[], byte[]> raw) {
                events.add(event);
                chains.add(entry(raw, event.eventId()));
            }

            @Override
            public void undecodable(ConsumerRecord<byte[], byte[]> raw, String reason) {
                String id = header(raw, EventHeaders.EVENT_ID);
                chains.add(entry(raw, id));
                if (tenant == null || id == null) {
                    violations.add(new Violation("decode", "record " + raw.topic() + "/" + raw.partition() + "@"
                            + raw.offset() + " is not a decodable resetflow event: " + reason,
                            id == null ? List.of() : List.of(id)));
                }
            }

            @Override
            public void tombstone(ConsumerRecord<byte[], byte[]> raw) {
                chains.add(entry(raw, null));
            }
        });
        Invariants invariants = new Invariants(events, e -> tenant == null || tenant.equals(e.tenantId()), grace);
        violations.addAll(invariants.check());

        Set<String> inScope = new HashSet<>();
        if (tenant != null) {
            events.stream().filter(e -> tenant.equals(e.tenantId())).forEach(e -> inScope.add(e.eventId()));
        }
        ChainVerifier.Report report = chains.report();
        for (ChainVerifier.Finding finding : report.findings()) {
            boolean relevant = tenant == null || finding.eventIds().stream().anyMatch(inScope::contains);
            if (!relevant) {
                continue;
            }
            if (finding.violation()) {
                violations.add(new Violation("chain-" + finding.kind().name().toLowerCase(), finding.message(),
                        finding.eventIds()));
            } else {
                err.println("warning: " + finding.message());
            }
        }
        long judged = tenant == null ? events.size() : inScope.size();
        long requests = events.stream().filter(e -> tenant == null || tenant.equals(e.tenantId()))
                .filter(e -> e.type().equals("ResetRequested")).count();
        String scope = (tenant == null ? "" : "tenant " + tenant + ": ") + judged + " events, " + requests
                + " requests, " + report.chains() + " chains (" + report.chainedRecords() + " chained, "
                + report.unchainedRecords() + " unchained records) in " + summary.records() + " records read"
                + (invariants.republished() == 0 ? "" : "; " + invariants.republished()
                        + " identical copies of events published again (at least once), not counted as events");
        if (violations.isEmpty()) {
            out.println("verify: OK, no violations; " + scope);
            out.flush();
            AuditCli.reportMissingTopics(err, summary);
            return 0;
        }
        violations.forEach(out::println);
        out.println("verify: " + violations.size() + " violation" + (violations.size() == 1 ? "" : "s") + "; " + scope);
        out.flush();
        AuditCli.reportMissingTopics(err, summary);
        return 1;
    }

    private static ChainVerifier.Entry entry(ConsumerRecord<byte[], byte[]> raw, String eventId) {
        Header chain = raw.headers().lastHeader(ChainHeader.NAME);
        return new ChainVerifier.Entry(raw.topic(), raw.partition(), raw.offset(), eventId,
                chain == null ? null : chain.value(), raw.value());
    }

    private static String header(ConsumerRecord<byte[], byte[]> raw, String name) {
        Header header = raw.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
