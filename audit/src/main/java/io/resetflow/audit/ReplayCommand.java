package io.resetflow.audit;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Read every audited topic from the beginning (or --from/--to), decode every event with every "
                + "released schema version, and print one timeline per request (correlationId).")
class ReplayCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    @Spec
    CommandSpec spec;

    @Mixin
    LogOptions log;

    @Mixin
    LogOptions.TimeRange range;

    @Mixin
    EventFilter filter;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table (default, for people), json (one request per line) or csv (one event per line).")
    Format format;

    @Override
    public Integer call() {
        range.applyTo(log);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<LoggedEvent> events = new ArrayList<>();
        LogReader.Summary summary = new LogReader(log, new Progress(err, !log.noProgress)).read(new LogReader.Sink() {
            @Override
            public void event(LoggedEvent event, ConsumerRecord<byte[], byte[]> raw) {
                if (filter.matches(event)) {
                    events.add(event);
                }
            }

            @Override
            public void undecodable(ConsumerRecord<byte[], byte[]> raw, String reason) {
                err.println("undecodable record " + raw.topic() + "/" + raw.partition() + "@" + raw.offset() + ": " + reason);
            }
        });
        List<Timelines.Timeline> timelines = Timelines.group(events);
        switch (format) {
            case json -> Timelines.json(timelines, out);
            case csv -> Timelines.csv(timelines, out);
            default -> Timelines.table(timelines, out);
        }
        out.flush();
        AuditCli.reportSummary(err, "replay", summary, events.size() + " events shown in " + timelines.size() + " requests");
        return 0;
    }
}
