package com.retailintelligence.alert;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as alert messages write them: at most one decimal, no trailing zeros. */
final class AlertTexts {

    private AlertTexts() {
    }

    static String number(double value) {
        return BigDecimal.valueOf(round(value)).stripTrailingZeros().toPlainString();
    }

    /** Rounded to one decimal. */
    static double round(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }
}
