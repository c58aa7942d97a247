package io.resetflow.audit;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** --tenant, --user, --request, --type: which events a command looks at. */
public class EventFilter {

    @Option(names = "--tenant", paramLabel = "TENANT_ID", description = "Only events of this tenant.")
    String tenant;

    @Option(names = "--user", paramLabel = "USER_ID", description = "Only events about this user.")
    String user;

    @Option(names = "--request", paramLabel = "REQUEST_ID", description = "Only the events of this request (correlationId).")
    String request;

    @Option(names = "--type", paramLabel = "EVENT_TYPE", split = ",",
            description = "Only these event types, e.g. ResetRequested,DeliveryOutcome; repeatable.")
    List<String> types = new ArrayList<>();

    boolean matches(LoggedEvent event) {
        return (tenant == null || tenant.equals(event.tenantId()))
                && (user == null || user.equals(event.userId()))
                && (request == null || request.equals(event.correlationId()))
                && (types.isEmpty() || types.contains(event.type()));
    }
}
