package com.retailintelligence.store;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.retailintelligence.validation.CurrencyCode;
import com.retailintelligence.validation.IanaTimeZone;

/** The body of PUT /api/v1/stores/{id}: replaces name, time zone, capacity (absent clears it) and currency (absent keeps it). */
public record StoreUpdate(
        @NotBlank @Size(max = 200) String name,
        @NotNull @IanaTimeZone String timezone,
        @Positive Integer capacity,
        @CurrencyCode String currency) {
}
