package org.openets.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import java.time.Duration;

/** Language (zh-CN / en, switched by {@code ?lang=zh_CN} or {@code ?lang=en} and kept in a cookie) and the API description. */
@Configuration
public class WebConfiguration implements WebMvcConfigurer {

    @Bean
    public LocaleResolver localeResolver() {
        CookieLocaleResolver r = new CookieLocaleResolver("openets-lang") {
            @Override public void setLocale(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                                            java.util.Locale locale) {
                super.setLocale(request, response, locale == null ? null : supported(locale));
            }
        };
        r.setCookieMaxAge(Duration.ofDays(365));
        r.setDefaultLocaleFunction(request -> supported(request.getLocale()));
        return r;
    }

    /**
     * The page languages there are: Chinese (simplified, whatever region or script was asked for: {@code zh},
     * {@code zh_TW}) and English for everything else. So {@code ?lang=zh} shows Chinese, not English under a
     * header that marks 中文 as chosen.
     */
    static java.util.Locale supported(java.util.Locale asked) {
        return asked != null && "zh".equals(asked.getLanguage()) ? java.util.Locale.SIMPLIFIED_CHINESE : java.util.Locale.ENGLISH;
    }

    /**
     * The UI bundles ({@code messageSource}) answer a jurisdiction's name from the reference data, as their parent
     * ({@link org.openets.web.ui.JurisdictionMessages}): read when a page is drawn, in its language.
     */
    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor jurisdictionNamesInMessages(
            org.springframework.beans.factory.ObjectProvider<org.openets.web.ui.Names> names) {
        return new org.springframework.beans.factory.config.BeanPostProcessor() {
            @Override public Object postProcessAfterInitialization(Object bean, String name) {
                if ("messageSource".equals(name) && bean instanceof org.springframework.context.HierarchicalMessageSource h && h.getParentMessageSource() == null)
                    h.setParentMessageSource(new org.openets.web.ui.JurisdictionMessages(names));
                return bean;
            }
        };
    }

    /** {@code ?lang=} is honoured before the security filters, so the sign-in page a link leads to is in the link's language. */
    @Bean
    public org.springframework.boot.web.servlet.FilterRegistrationBean<LanguageFilter> languageFilter(LocaleResolver localeResolver) {
        var r = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new LanguageFilter(localeResolver));
        r.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 40);
        r.addUrlPatterns("/*");
        return r;
    }

    @Bean
    public OpenAPI openEtsApi() {
        return new OpenAPI()
                .info(new Info().title("OpenETS registry API").version("v1")
                        .description("Accounts, holdings, serial blocks, transactions with 4-eyes approval, serial traces and the public report. "
                                + "Errors are application/problem+json with a stable 'code'. Every command carries a client-supplied commandId: "
                                + "a retry returns the first result.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
