package io.resetflow.api.admin;

import java.util.List;
import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.resetflow.api.apikey.Caller;
import io.resetflow.api.apikey.SecretKeyRequired;
import io.resetflow.api.directory.Directory;
import io.resetflow.api.directory.Field;
import io.resetflow.api.directory.FieldType;
import io.resetflow.api.http.ApiException;

/**
 * {@code /v1/admin/fields} (secret key): the tenant's unique user fields. Declared fields can be
 * searched with {@code SearchKeyData} and, when of type phone or email, used as {@code RecipientField}.
 */
@RestController
class FieldAdminController {

    private final Directory directory;

    FieldAdminController(Directory directory) {
        this.directory = directory;
    }

    record FieldView(@JsonProperty("Name") String name, @JsonProperty("DataType") FieldType type,
            @JsonProperty("BuiltIn") boolean builtIn) {
        static FieldView of(Field field) {
            return new FieldView(field.name(), field.type(), field.builtIn());
        }
    }

    record DefineField(@JsonProperty("DataType") String dataType) {
    }

    @SecretKeyRequired
    @GetMapping(path = "/v1/admin/fields", produces = "application/json")
    List<FieldView> list(Caller caller) {
        return directory.fields(caller.tenantId()).stream().map(FieldView::of).toList();
    }

    @SecretKeyRequired
    @PutMapping(path = "/v1/admin/fields/{name}", consumes = "application/json", produces = "application/json")
    FieldView define(Caller caller, @PathVariable String name, @RequestBody(required = false) DefineField body) {
        if (body == null || body.dataType() == null) {
            throw ApiException.badRequest("DataType is required: TEXT, EMAIL or PHONE.");
        }
        FieldType type;
        try {
            type = FieldType.valueOf(body.dataType().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("DataType must be TEXT, EMAIL or PHONE, not '" + body.dataType() + "'.");
        }
        try {
            return FieldView.of(directory.defineField(caller.tenantId(), name, type));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
