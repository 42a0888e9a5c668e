# Top-up conversation and payment notifications (English)
topup-choose-amount = <b>Top Up Coin Premium</b>
    Choose an amount:
topup-other-amount = ✏️ Other amount
topup-type-amount = Type the amount, for example <code>150000</code>, <code>150.000</code> or <code>150rb</code>.
    Minimum { $min }, maximum { $max }.
topup-amount-format = I could not read that amount. Type digits only, for example <code>150000</code> or <code>150rb</code>.
topup-amount-fraction = The amount must be in whole rupiah. Example: <code>150000</code>.
topup-amount-too-small = The minimum is { $min }. Type another amount.
topup-amount-too-large = The maximum is { $max } per top-up. Type another amount.
topup-use-buttons = Please choose one of the buttons above, or type /batal to stop.
topup-choose-method = Choose a payment method:
topup-choose-ewallet = Choose an e-wallet:
topup-choose-bank = Choose the bank for the virtual account:
topup-back = ◀️ Back
topup-unavailable-above-max = { $name } — max. { $max }
topup-unavailable-below-min = { $name } — min. { $min }
topup-refused-above-max = { $name } takes at most { $max } per payment. Choose another method or a smaller amount.
topup-refused-below-min = { $name } takes at least { $min } per payment. Choose another method or a larger amount.
topup-summary =
    <b>Top-up summary</b>
    Amount: <b>{ $amount }</b>
    Method: { $method }
    { $flow ->
        [push] Next: your OVO phone number.
        [qr] Tap Continue to get the QRIS code.
        [va] Tap Continue to get the virtual account number.
       *[other] Tap Continue to open the payment page.
    }
topup-continue = ✅ Continue
topup-cancel = ✖️ Cancel
topup-ask-phone = Enter the <b>active phone number registered with OVO</b> (for example <code>0812 3456 7890</code>), or use a button below.
topup-share-phone = 📱 Share my number
topup-last-phone = Use last number { $phone }
topup-phone-format = That is not a valid phone number. Enter an Indonesian number, for example <code>081234567890</code> or <code>+6281234567890</code>.
topup-phone-not-mobile = That is not a mobile number. OVO uses Indonesian mobile numbers starting with 08 or +628.
topup-phone-received = OVO number: <b>{ $phone }</b>
topup-confirm-phone = Tap <b>OK</b> to send a payment request of <b>{ $amount }</b> to the OVO app at { $phone }.
topup-ok = OK
topup-change-phone = ✏️ Change number
topup-cancelled = Top-up cancelled. No payment was made.
topup-sending = ⏳ Sending the payment request to OVO…
topup-sent =
    📲 A <b>Konfirmasi Pembayaran</b> notification was sent to the OVO app at <b>{ $phone }</b>.
    Open it and tap <b>Bayar</b> within about 60 seconds.

    Amount: <b>{ $amount }</b>
    I will tell you as soon as the payment is confirmed.
topup-uncertain =
    ⏳ OVO has not answered the payment request of <b>{ $amount }</b> to { $phone } yet.
    If a <b>Konfirmasi Pembayaran</b> notification appears in the OVO app you may pay it — I will tell you the result. Please do not start a new top-up yet.
topup-declined =
    ❌ The payment request could not be created.
    { $reason }
topup-uncertain-code =
    ⏳ Xendit has not answered the payment request of <b>{ $amount }</b> with { $method } yet.
    I will check it myself; tap <b>Payment Status</b> in a little while. Please do not start a new top-up yet.
topup-misconfigured = ❌ Payments with { $method } cannot be processed right now. Our team has been alerted. Nothing was charged.
topup-already-open = { $flow ->
    [push]
        ⏳ A payment is still waiting: <b>{ $amount }</b> to { $phone }.
        Finish it in the OVO app, or wait about a minute until it expires.
   *[other]
        ⏳ A payment is still waiting: <b>{ $amount }</b> with { $method }.
        Tap <b>Payment Status</b> to see it; a new top-up can be made once that payment has ended or expired.
}
topup-phone-limited = ⛔ Too many payment requests were sent to this number in the last hour. If it is your own number, send it with the <b>📱 Share my number</b> button. Otherwise please try again later or use another number.
topup-status-button = 🔄 Payment Status
topup-retry-button = 🔁 Try again

payment-succeeded =
    ✅ <b>Payment successful</b>
    Amount: <b>{ $amount }</b> · { $method }
    Coin Premium balance: <b>{ $balance }</b>
    Reference: <code>{ $reference }</code>
payment-succeeded-late = (This payment arrived after the time limit and has been added to your balance.)
payment-repeat-button = 🔁 Top up again
payment-failed =
    ❌ <b>Payment failed</b>
    Amount: { $amount } · { $method }
    { $reason }
    Nothing was charged.
# $flow: push (OVO), redirect (DANA, ShopeePay, LinkAja), qr (QRIS), va (virtual accounts).
payment-expired = { $flow ->
    [qr]
        ⌛ <b>QR expired</b>
        The QR for the payment of { $amount } was not paid in time and is no longer valid.
        If you did pay it, the Coin Premium will be added automatically as soon as the payment is confirmed.
    [va]
        ⌛ <b>Virtual account expired</b>
        The { $method } number for the payment of { $amount } was not paid in time and is no longer valid. Do not transfer to it.
        If you did transfer, the Coin Premium will be added automatically as soon as the bank confirms.
    [redirect]
        ⌛ <b>Payment time ran out</b>
        The payment of { $amount } with { $method } was not approved in time.
        If your { $name } balance was charged, the Coin Premium will be added automatically as soon as { $name } confirms.
   *[push]
        ⌛ <b>Payment time ran out</b>
        The payment of { $amount } to { $method } was not confirmed in time.
        If your { $name } balance was charged, the Coin Premium will be added automatically as soon as { $name } confirms.
}
payment-unconfirmed = { $flow ->
    [push]
        ⌛ <b>Payment not confirmed</b>
        Payment of { $amount } to { $method }: { $reason }
        If your { $name } balance was charged, the Coin Premium will be added automatically as soon as { $name } confirms.
   *[other]
        ⌛ <b>Payment not confirmed</b>
        Payment of { $amount } with { $method }: { $reason }
        If you did pay, the Coin Premium will be added automatically as soon as the payment is confirmed.
}
payment-cancelled =
    ✖️ <b>Top-up cancelled</b> — { $flow ->
        [qr] the previous QR is no longer valid.
        [va] the previous VA number is no longer valid. Do not transfer to it.
       *[other] the previous { $name } checkout is no longer valid.
    }
    Amount: { $amount } · { $method }
    If you paid before it was cancelled, the Coin Premium will still be added automatically.

# Reasons. $name is the brand (OVO, DANA, QRIS, or the bank of a virtual account), $method the method ("BCA Virtual
# Account"), $flow as above, $group ewallet, qris or va.
failure-USER_DECLINED_PAYMENT = { $flow ->
    [qr] The payment was declined in the app used to scan the QR.
    [va] The transfer was declined by the bank.
   *[other] The payment was declined in the { $name } app.
}
failure-INSUFFICIENT_BALANCE = { $flow ->
    [qr] The balance in the app used to scan the QR is not enough. Top it up and try again.
    [va] The account balance is not enough for this transfer.
   *[other] Your { $name } balance is not enough. Top up { $name } and try again.
}
failure-USER_UNREACHABLE = { $group ->
    [ewallet] The { $name } app could not be reached. Make sure { $name } is installed, you are logged in and your phone is online.
   *[other] The payer's app could not be reached. Make sure the phone is online and try again.
}
failure-USER_DEVICE_UNREACHABLE = { failure-USER_UNREACHABLE }
failure-ACCOUNT_ACCESS_BLOCKED = { $group ->
    [ewallet] This { $name } account is blocked. Please contact { $name } customer service.
   *[other] The account used to pay is blocked. Please contact your bank or e-wallet.
}
failure-INVALID_ACCOUNT_DETAILS = { $flow ->
    [push] This number is not registered with { $name }. Please check the number.
    [redirect] The { $name } account was not recognised. Check your account and try again.
   *[other] The payer's account details are not valid. Please check them and try again.
}
failure-MAXIMUM_LIMIT_REACHED = { $group ->
    [ewallet] The { $name } account's transaction limit was reached. Try a smaller amount or try again tomorrow.
   *[other] The payer's transaction limit was reached. Try a smaller amount or try again tomorrow.
}
failure-ACCOUNT_NOT_ACTIVATED = { $group ->
    [ewallet] The { $name } account is not activated. Activate it in the { $name } app and try again.
   *[other] The payer's account is not activated for this payment.
}
failure-CHANNEL_UNAVAILABLE = { $method } is unavailable right now. Please try again in a little while.
failure-INVALID_MERCHANT_CREDENTIALS = { $method } payments cannot be processed on our side right now. Please try again later.
failure-API_VALIDATION_ERROR = { $flow ->
    [push] { $name } did not accept the payment details. Check the phone number and try again.
   *[other] { $method } did not accept the payment details. Please try again.
}
failure-VOIDED = { $group ->
    [ewallet] The payment was cancelled and the money returned to { $name }.
   *[other] The payment was cancelled and the money returned.
}
failure-REFUNDED = { $group ->
    [ewallet] The payment was refunded to { $name }.
   *[other] The payment was refunded.
}
failure-EXPIRED = { $flow ->
    [qr] The QR expired before it was paid.
    [va] The virtual account expired before it was paid.
    [redirect] The { $name } checkout was not completed in time.
   *[push] The payment was not confirmed in time.
}
failure-PAYMENT_REQUEST_EXPIRED = { failure-EXPIRED }
failure-USER_DID_NOT_AUTHORIZE = { $flow ->
    [push] The payment was not approved in the { $name } app.
    [redirect] The payment was not approved in the { $name } checkout.
   *[other] The payment was not completed.
}
failure-PARTNER_TIMEOUT_ERROR = { $group ->
    [va] { $name } did not answer in time. Please try again.
    [qris] The QRIS network did not answer in time. Please try again.
   *[other] { $name } did not answer in time. Please try again.
}
failure-CANCELLED = { $flow ->
    [qr] The top-up was cancelled; its QR is no longer valid.
    [va] The top-up was cancelled; its virtual account number is no longer valid.
   *[other] The top-up was cancelled before it was paid.
}
failure-NO_GATEWAY_RESPONSE = { $flow ->
    [push] { $name } did not answer the payment request.
   *[other] The payment provider did not answer the payment request.
}
failure-CHARGE_NOT_FOUND = { $flow ->
    [push] { $name } does not know this payment request.
   *[other] The payment provider does not know this payment request.
}
failure-STATUS_CHECK_FAILED = { $flow ->
    [push] We could not check the payment's status with { $name }.
   *[other] We could not check the payment's status with the payment provider.
}
failure-generic = { $flow ->
    [push] { $name } could not process the payment.
   *[other] { $method } could not process the payment.
}

status-title = <b>Payment status</b>
status-none = No payment is waiting.
status-line = { $date } · <b>{ $amount }</b> · { $method } · { $status }
status-last = Last payment:
status-creating = ⏳ Waiting
status-pending = ⏳ Waiting
status-succeeded = ✅ Successful
status-failed = ❌ Failed
status-cancelled = ✖️ Cancelled
status-expired = ⌛ Expired
