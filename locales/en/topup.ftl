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
        Finish it first, or cancel it with the <b>Cancel</b> button on its payment message.
}
topup-phone-limited = ⛔ Too many payment requests were sent to this number in the last hour. If it is your own number, send it with the <b>📱 Share my number</b> button. Otherwise please try again later or use another number.
topup-status-button = 🔄 Payment Status
topup-retry-button = 🔁 Try again

payment-succeeded =
    ✅ <b>Payment successful</b>
    Amount: <b>{ $amount }</b>
    Coin Premium balance: <b>{ $balance }</b>
    Reference: <code>{ $reference }</code>
payment-succeeded-late = (This payment arrived after the time limit and has been added to your balance.)
payment-failed =
    ❌ <b>Payment failed</b>
    Amount: { $amount } · { $method }
    { $reason }
    Nothing was charged.
payment-expired =
    ⌛ <b>Payment time ran out</b>
    The payment of { $amount } with { $method } was not confirmed in time.
    If your OVO balance was charged, the Coin Premium will be added automatically as soon as OVO confirms.
payment-unconfirmed =
    ⌛ <b>Payment not confirmed</b>
    Payment of { $amount } with { $method }: { $reason }
    If your OVO balance was charged, the Coin Premium will be added automatically as soon as OVO confirms.

failure-USER_DECLINED_PAYMENT = The payment was declined in the OVO app.
failure-INSUFFICIENT_BALANCE = Your OVO balance is not enough. Top up OVO and try again.
failure-USER_UNREACHABLE = The OVO app could not be reached. Make sure OVO is installed, you are logged in and your phone is online.
failure-ACCOUNT_ACCESS_BLOCKED = This OVO account is blocked. Please contact OVO customer service.
failure-INVALID_ACCOUNT_DETAILS = This number is not registered with OVO. Please check the number.
failure-MAXIMUM_LIMIT_REACHED = The OVO account's transaction limit was reached. Try a smaller amount or try again tomorrow.
failure-ACCOUNT_NOT_ACTIVATED = The OVO account is not activated. Activate it in the OVO app and try again.
failure-CHANNEL_UNAVAILABLE = OVO is unavailable right now. Please try again in a little while.
failure-INVALID_MERCHANT_CREDENTIALS = OVO payments cannot be processed on our side right now. Please try again later.
failure-API_VALIDATION_ERROR = OVO did not accept the payment details. Check the phone number and try again.
failure-VOIDED = The payment was cancelled and the money returned to OVO.
failure-REFUNDED = The payment was refunded to OVO.
failure-EXPIRED = The payment was not confirmed in time.
failure-NO_GATEWAY_RESPONSE = OVO did not answer the payment request.
failure-CHARGE_NOT_FOUND = OVO does not know this payment request.
failure-STATUS_CHECK_FAILED = We could not check the payment's status with OVO.
failure-generic = OVO could not process the payment.

status-title = <b>Payment status</b>
status-none = No payment is waiting.
status-line = { $date } · <b>{ $amount }</b> · { $method } · { $status }
status-last = Last payment:
status-creating = ⏳ Waiting
status-pending = ⏳ Waiting
status-succeeded = ✅ Successful
status-failed = ❌ Failed
status-expired = ⌛ Expired
