package org.openets.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * How the API reads JSON: strictly. An unknown field is refused, a field sent twice in one object is refused (not the
 * last one taken), a number is not read from a string ("12"), a
 * whole number not from a fraction (2024.9), and a number out of the field's range is refused (not wrapped); the
 * API answers 400 VALIDATION_FAILED naming the field (422 INVALID_QUANTITY for a quantity). Strings (values and object keys) with a control character other than tab, line feed and
 * carriage return are refused ({@link ControlCharacters}); the API answers 400 VALIDATION_FAILED naming the field.
 */
@Configuration
public class JsonInput {

    /** The message of the exception a refused string raises; the API's error handling recognises it. */
    public static final String CONTROL_CHARACTER = "control character in text";

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    public JsonMapperBuilderCustomizer strictJsonInput() {
        return builder -> builder
                .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .addModule(new SimpleModule("openets-strict-input")
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
