package com.retailintelligence.validation;

import java.lang.reflect.Field;

import jakarta.inject.Singleton;

import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;

/**
 * Validation errors name fields as the JSON has them: a field renamed with {@code @JsonProperty}
 * (e.g. {@code refresh_token}) is reported under that name, not the Java one.
 */
@Singleton
public class JsonFieldNames implements ValidatorFactoryCustomizer {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        configuration.propertyNodeNameProvider(property -> {
            if (property instanceof JavaBeanProperty bean) {
                try {
                    Field field = bean.getDeclaringClass().getDeclaredField(bean.getName());
                    JsonProperty json = field.getAnnotation(JsonProperty.class);
                    if (json != null && !json.value().isEmpty()) {
                        return json.value();
                    }
                } catch (NoSuchFieldException e) {
                    // a getter without a field of its name: keep the Java name
                }
            }
            return property.getName();
        });
    }
}
