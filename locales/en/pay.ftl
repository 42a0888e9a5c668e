# The QR, virtual account and checkout a top-up waits on; cancelling them; "Top up lagi" (English)
pay-expiry = Valid until: <b>{ $time }</b>
pay-qris-title =
    <b>QRIS · Coin Premium top-up</b>
    Amount: <b>{ $amount }</b>
pay-qris-merchant = Merchant name: <b>{ $name }</b>
pay-qris-scan = Scan this QR with any bank or e-wallet app that supports QRIS. I will tell you as soon as the payment arrives.
pay-va-title = 🏦 <b>{ $bank } virtual account</b>
pay-va-number = Account number: <code>{ $number }</code>
pay-va-amount = Transfer exactly <b>{ $amount }</b> — any other amount is not accepted automatically.
pay-va-copy = 📋 Copy account number
pay-redirect-title =
    📱 <b>Pay with { $name }</b>
    Amount: <b>{ $amount }</b>
pay-redirect-how = Tap the button below to open { $name } and finish the payment there. I will tell you as soon as the payment arrives.
pay-redirect-button = Pay with { $name }
pay-cancel-button = ✖️ Cancel payment
pay-code-missing =
    ⏳ The payment of <b>{ $amount }</b> with { $method } was created, but its payment code has not reached us yet.
    Tap <b>Payment Status</b> in a little while, or cancel it.

pay-howto-BCA_VA =
    <b>How to pay</b>
    <b>BCA ATM:</b> Other Transactions → Transfer → BCA Virtual Account → enter the account number → check name and amount → Yes.
    <b>BCA mobile (m-BCA):</b> m-Transfer → BCA Virtual Account → enter the account number → check the amount → OK → m-BCA PIN.
pay-howto-BNI_VA =
    <b>How to pay</b>
    <b>BNI ATM:</b> Other Menu → Transfer → Virtual Account Billing → enter the account number → check the amount → Yes.
    <b>BNI Mobile Banking (wondr):</b> Transfer → Virtual Account Billing → enter the account number → check the amount → Next → transaction password.
pay-howto-BRI_VA =
    <b>How to pay</b>
    <b>BRI ATM:</b> Other Transactions → Payment → Others → BRIVA → enter the account number → check the amount → Yes.
    <b>BRImo:</b> Payment → BRIVA → enter the account number → check the amount → Pay → PIN.
pay-howto-MANDIRI_VA =
    <b>How to pay</b>
    <b>Mandiri ATM:</b> Pay/Buy → Others → Multi Payment → enter the company code and account number → check the amount → Yes.
    <b>Livin' by Mandiri:</b> Pay → New payment → Multipayment → choose Xendit → enter the account number → Confirm → PIN.
pay-howto-PERMATA_VA =
    <b>How to pay</b>
    <b>Permata ATM:</b> Other Transactions → Payment → Other Payments → Virtual Account → enter the account number → Correct.
    <b>PermataMobile X:</b> Pay Bills → Virtual Account → enter the account number → check the amount → Confirm → PIN.

pay-cancel-cancelled = Cancelled; the old code is no longer valid.
pay-cancel-paid = This payment has already arrived, so it was not cancelled. The Coin Premium is in your balance.
pay-cancel-final = This payment has already ended or expired; there is nothing to cancel.
pay-cancel-not_cancellable = An OVO request cannot be cancelled. If it is not paid, it expires by itself in about 60 seconds.
pay-cancel-unavailable = The cancellation could not be confirmed right now. Please tap Cancel again in a little while.

menu-repeat = 🔁 Top up again { $amount } · { $method }
repeat-method = { $flow ->
    [push] { $name } { $phone }
    [va] { $name } VA
   *[other] { $name }
}
repeat-summary =
    🔁 <b>Top up again</b>
    Amount: <b>{ $amount }</b>
    Method: { $method }
    { $flow ->
        [push] Tap <b>Pay</b> to send the payment request to the OVO app.
        [qr] Tap <b>Pay</b> to get the QRIS code.
        [va] Tap <b>Pay</b> to get the virtual account number.
       *[other] Tap <b>Pay</b> to open the payment page.
    }
repeat-pay = ✅ Pay
repeat-change = ✏️ Change
repeat-unavailable = This top-up can no longer be repeated. Choose 💰 Top Up Coin Premium in the menu.
