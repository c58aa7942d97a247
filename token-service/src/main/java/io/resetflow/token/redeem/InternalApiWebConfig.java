package io.resetflow.token.redeem;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class InternalApiWebConfig implements WebMvcConfigurer {

    private final InternalApiProperties properties;

    InternalApiWebConfig(InternalApiProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new InternalSecretInterceptor(properties)).addPathPatterns("/internal/**");
    }
}
