package io.resetflow.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.JsonGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the decoded log (or --from/--to) as JSON lines, one event per line in log order per "
                + "partition: topic, partition, offset, timestamp, type and the decoded fields (bytes base64, sealed "
                + "values as {\"keyId\"} only).")
class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LogOptions log;

    @Mixin
    LogOptions.TimeRange range;

    @Mixin
    EventFilter filter;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The JSON-lines file to write (replaced).")
    Path output;

    @Override
    public Integer call() throws IOException {
        range.applyTo(log);
        PrintWriter err = spec.commandLine().getErr();
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path partial = output.resolveSibling(output.getFileName() + ".partial");
        long[] written = {0};
        LogReader.Summary summary;
        try {
            try (BufferedWriter file = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                JsonGenerator json = Timelines.generator(file);
                summary = new LogReader(log, new Progress(err, !log.noProgress)).read(new LogReader.Sink() {
                    @Override
                    public void event(LoggedEvent event, ConsumerRecord<byte[], byte[]> raw) {
                        if (!filter.matches(event)) {
                            return;
                        }
                        try {
                            Timelines.event(json, event);
                            json.writeRaw('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        written[0]++;
                    }

                    @Override
                    public void undecodable(ConsumerRecord<byte[], byte[]> raw, String reason) {
                        err.println("undecodable record " + raw.topic() + "/" + raw.partition() + "@" + raw.offset() + ": " + reason);
                    }
                });
                json.flush();
            }
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        AuditCli.reportSummary(err, "export", summary, written[0] + " events written to " + output);
        return 0;
    }
}
