package com.retailintelligence.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;

/** The retention settings' defaults, and a bad value stops the start with the setting's name and the rule. */
class RetentionConfigTest {

    private static SmallRyeConfig config(Map<String, String> values) {
        Validator validator = Validation.byDefaultProvider().configure().messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
        // Quarkus' own converter reads durations such as 1h, as at run time.
        return new SmallRyeConfigBuilder().withMapping(RetentionConfig.class).withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(values, "test", 100))
                .withValidator((BeanValidationConfigValidator) () -> validator).build();
    }

    @Test
    void defaultsKeepRawEventsForeverAnd400DaysOfMinutes() {
        RetentionConfig retention = config(Map.of()).getConfigMapping(RetentionConfig.class);
        assertEquals(0, retention.rawEventsMonths());
        assertEquals(400, retention.minuteRollupsDays());
        assertEquals(Duration.ofHours(1), retention.maintenanceInterval());
        assertEquals(3, retention.monthsAhead());
    }

    @ParameterizedTest
    @CsvSource({ "retail.retention.raw-events-months,-1,must be greater than or equal to 0",
            "retail.retention.minute-rollups-days,-5,must be greater than or equal to 1",
            "retail.retention.minute-rollups-days,0,must be greater than or equal to 1",
            "retail.retention.months-ahead,0,must be greater than or equal to 1",
            "retail.retention.raw-events-months,abc,abc", "retail.retention.maintenance-interval,soon,soon" })
    void aBadValueStopsTheStartNamingTheSetting(String name, String value, String message) {
        Exception failure = assertThrows(Exception.class, () -> config(Map.of(name, value)));
        assertTrue(failure.getMessage().contains(name) && failure.getMessage().contains(message), failure.getMessage());
    }
}
