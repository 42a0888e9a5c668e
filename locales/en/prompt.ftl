# What the QR, virtual account or checkout message says once its top-up has ended, so that it is not paid by mistake.
# $status: succeeded, failed, expired or cancelled.
prompt-ended-qr = { $status ->
    [succeeded] ✅ This QR is no longer valid — already paid.
    [failed] ❌ This QR is no longer valid — the payment failed.
    [cancelled] ✖️ This QR is no longer valid — cancelled.
   *[expired] ⌛ This QR is no longer valid — expired.
}
    Amount: { $amount }. Do not scan it again.
prompt-ended = { $flow ->
    [va] { $status ->
        [succeeded] ✅ <b>{ $method } { $amount } already paid</b> — do not transfer to this number again.
        [failed] ❌ <b>{ $method } { $amount } failed</b> — do not transfer to this number.
        [cancelled] ✖️ <b>{ $method } { $amount } cancelled</b> — do not transfer to this number.
       *[expired] ⌛ <b>{ $method } { $amount } expired</b> — do not transfer to this number.
    }
   *[other] { $status ->
        [succeeded] ✅ <b>{ $method } checkout { $amount } already paid.</b>
        [failed] ❌ <b>{ $method } checkout { $amount } failed</b> — this link is no longer valid.
        [cancelled] ✖️ <b>{ $method } checkout { $amount } cancelled</b> — this link is no longer valid.
       *[expired] ⌛ <b>{ $method } checkout { $amount } expired</b> — this link is no longer valid.
    }
}
