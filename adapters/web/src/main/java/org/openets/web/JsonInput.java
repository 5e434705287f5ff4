package org.openets.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * How the API reads JSON. Strings (values and object keys) with a control character other than tab, line feed and
 * carriage return are refused ({@link ControlCharacters}); the API answers 400 VALIDATION_FAILED naming the field.
 */
@Configuration
public class JsonInput {

    /** The message of the exception a refused string raises; the API's error handling recognises it. */
    public static final String CONTROL_CHARACTER = "control character in text";

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    public JsonMapperBuilderCustomizer strictJsonInput() {
        return builder -> builder.addModule(new SimpleModule("openets-strict-input")
                .addDeserializer(String.class, new TextDeserializer())
                .addKeyDeserializer(String.class, new KeyDeserializer() {
                    @Override public Object deserializeKey(String key, DeserializationContext ctxt) {
                        if (ControlCharacters.find(key) >= 0)
                            throw InvalidFormatException.from(ctxt.getParser(), CONTROL_CHARACTER, key, String.class);
                        return key;
                    }
                }));
    }

    /** Jackson's own string reading, then the check. */
    static final class TextDeserializer extends StringDeserializer {
        @Override public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String s = super.deserialize(p, ctxt);
            if (ControlCharacters.find(s) >= 0) throw InvalidFormatException.from(p, CONTROL_CHARACTER, s, String.class);
            return s;
        }
    }
}
