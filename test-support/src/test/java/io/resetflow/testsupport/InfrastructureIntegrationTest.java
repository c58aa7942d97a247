package io.resetflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class InfrastructureIntegrationTest {

    @Test
    void sharedInfrastructureServesKafkaAndPostgres() throws Exception {
        Infrastructure infra = Infrastructure.shared();
        assertThat(Infrastructure.shared()).isSameAs(infra);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.kafkaBootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).isNotEmpty();
        }

        Map<String, String> props = infra.springProperties("infra_check");
        assertThat(props).containsEntry("spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers())
                .containsKeys("spring.datasource.url", "spring.datasource.username", "spring.datasource.password");
        try (Connection c = DriverManager.getConnection(props.get("spring.datasource.url"),
                props.get("spring.datasource.username"), props.get("spring.datasource.password"));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("infra_check");
        }
    }
}
