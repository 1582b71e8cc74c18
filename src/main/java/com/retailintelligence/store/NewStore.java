package com.retailintelligence.store;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.retailintelligence.validation.CurrencyCode;
import com.retailintelligence.validation.IanaTimeZone;

/** The body of POST /api/v1/stores. */
public record NewStore(
        @NotNull @Pattern(regexp = StoreIds.PATTERN, message = StoreIds.MESSAGE) String id,
        @NotBlank @Size(max = 200) String name,
        @NotNull @IanaTimeZone String timezone,
        @Positive Integer capacity,
        @CurrencyCode String currency) {

    /** Sales are recorded in one currency per store; EUR unless the request says otherwise. */
    public String currencyOrDefault() {
        return currency == null ? "EUR" : currency;
    }
}
