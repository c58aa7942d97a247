package io.resetflow.token.config;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes every DataSource depend on the {@link CheckedAtStartup} beans: keys are checked before connecting. */
@Configuration(proxyBeanMethods = false)
class StartupChecksFirst {

    @Bean
    static BeanFactoryPostProcessor checkKeysBeforeConnecting() {
        return StartupChecksFirst::addDependencies;
    }

    static void addDependencies(ConfigurableListableBeanFactory beanFactory) {
        String[] checks = beanFactory.getBeanNamesForType(CheckedAtStartup.class, true, false);
        if (checks.length == 0) {
            return;
        }
        for (String dataSource : beanFactory.getBeanNamesForType(DataSource.class, true, false)) {
            if (!beanFactory.containsBeanDefinition(dataSource)) {
                continue;
            }
            BeanDefinition definition = beanFactory.getBeanDefinition(dataSource);
            Set<String> dependsOn = new LinkedHashSet<>();
            if (definition.getDependsOn() != null) {
                dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
            }
            dependsOn.addAll(Arrays.asList(checks));
            definition.setDependsOn(dependsOn.toArray(String[]::new));
        }
    }
}
