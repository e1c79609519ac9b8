package io.quartermaster.order;

import java.util.Optional;

/**
 * How an order is paid: {@code "0"} pay-per-use, or {@code "1"} yearly/monthly for {@code
 * periodNum} periods of {@code periodType} ({@code "2"} month, {@code "3"} year).
 */
public record Billing(
    String mode, Optional<String> periodType, Optional<String> periodNum, boolean autoPay) {

  public static final String PAY_PER_USE = "0";
  public static final String YEARLY_MONTHLY = "1";

  public static Billing payPerUse() {
    return new Billing(PAY_PER_USE, Optional.empty(), Optional.empty(), false);
  }

  /** Whether an order with this billing waits for payment before it is processed. */
  public boolean awaitsPayment() {
    return YEARLY_MONTHLY.equals(mode) && !autoPay;
  }
}
