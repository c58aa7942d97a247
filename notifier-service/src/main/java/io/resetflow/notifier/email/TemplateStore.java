package io.resetflow.notifier.email;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code email_templates} and {@code tenant_template_settings}. */
@Repository
class TemplateStore {

    private final JdbcClient jdbc;

    TemplateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(String tenantId, CustomTemplate t) {
        jdbc.sql("""
                insert into email_templates (tenant_id, kind, language, subject, text_body, html_body, updated_at)
                values (:tenant, :kind, :language, :subject, :text, :html, :at)
                on conflict (tenant_id, kind, language) do update set subject = excluded.subject,
                    text_body = excluded.text_body, html_body = excluded.html_body, updated_at = excluded.updated_at
                """)
                .param("tenant", tenantId).param("kind", t.kind().path).param("language", t.language())
                .param("subject", t.subject()).param("text", t.text()).param("html", t.html())
                .param("at", t.updatedAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    List<CustomTemplate> list(String tenantId) {
        return jdbc.sql("select * from email_templates where tenant_id = :tenant order by kind, language")
                .param("tenant", tenantId).query(TemplateStore::row).list();
    }

    boolean delete(String tenantId, TemplateKind kind, String language) {
        return jdbc.sql("delete from email_templates where tenant_id = :tenant and kind = :kind and language = :language")
                .param("tenant", tenantId).param("kind", kind.path).param("language", language).update() == 1;
    }

    Optional<String> defaultLanguage(String tenantId) {
        return jdbc.sql("select default_language from tenant_template_settings where tenant_id = :tenant")
                .param("tenant", tenantId).query(String.class).optional();
    }

    void setDefaultLanguage(String tenantId, String language, Instant at) {
        if (language == null) {
            jdbc.sql("delete from tenant_template_settings where tenant_id = :tenant").param("tenant", tenantId).update();
            return;
        }
        jdbc.sql("""
                insert into tenant_template_settings (tenant_id, default_language, updated_at)
                values (:tenant, :language, :at)
                on conflict (tenant_id) do update set default_language = excluded.default_language,
                    updated_at = excluded.updated_at
                """)
                .param("tenant", tenantId).param("language", language).param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    private static CustomTemplate row(ResultSet rs, int n) throws SQLException {
        return new CustomTemplate(TemplateKind.of(rs.getString("kind")).orElseThrow(), rs.getString("language"),
                rs.getString("subject"), rs.getString("text_body"), rs.getString("html_body"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
