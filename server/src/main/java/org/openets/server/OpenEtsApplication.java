package org.openets.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The platform in one process: HTTP API, web UI, the registry on PostgreSQL (embedded or external). */
@SpringBootApplication(scanBasePackages = {"org.openets.server", "org.openets.web"})
@ConfigurationPropertiesScan
@EnableScheduling
public class OpenEtsApplication {
    public static void main(String[] args) {
        SpringApplication.run(OpenEtsApplication.class, args);
    }
}
