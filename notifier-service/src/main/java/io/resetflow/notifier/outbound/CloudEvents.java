package io.resetflow.notifier.outbound;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** CloudEvents 1.0 structured-mode JSON bodies ({@code application/cloudevents+json}). */
public final class CloudEvents {

    public static final String CONTENT_TYPE = "application/cloudevents+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CloudEvents() {
    }

    /** {@code data} holds plain JSON values only (strings, numbers, booleans, lists, maps); nulls are left out. */
    public static String json(String id, String type, String tenantId, String subject, Instant time,
            Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", "urn:resetflow:tenant:" + tenantId);
        event.put("type", type);
        if (subject != null) {
            event.put("subject", subject);
        }
        event.put("time", time.toString());
        event.put("datacontenttype", "application/json");
        Map<String, Object> clean = new LinkedHashMap<>();
        data.forEach((k, v) -> {
            if (v != null) {
                clean.put(k, v instanceof Instant instant ? instant.toString() : v);
            }
        });
        event.put("data", clean);
        return JSON.writeValueAsString(event);
    }
}
