# What the QR, virtual account or checkout message says once its top-up has ended, so that it is not paid by mistake.
# $status: succeeded, failed, expired or cancelled.
prompt-ended-qr = { $status ->
    [succeeded] ✅ QR ini sudah tidak berlaku — sudah dibayar.
    [failed] ❌ QR ini sudah tidak berlaku — pembayaran gagal.
    [cancelled] ✖️ QR ini sudah tidak berlaku — dibatalkan.
   *[expired] ⌛ QR ini sudah tidak berlaku — kedaluwarsa.
}
    Nominal: { $amount }. Jangan dipindai lagi.
prompt-ended = { $flow ->
    [va] { $status ->
        [succeeded] ✅ <b>{ $method } { $amount } sudah dibayar</b> — jangan transfer ke nomor ini lagi.
        [failed] ❌ <b>{ $method } { $amount } gagal</b> — jangan transfer ke nomor ini.
        [cancelled] ✖️ <b>{ $method } { $amount } dibatalkan</b> — jangan transfer ke nomor ini.
       *[expired] ⌛ <b>{ $method } { $amount } kedaluwarsa</b> — jangan transfer ke nomor ini.
    }
   *[other] { $status ->
        [succeeded] ✅ <b>Checkout { $method } { $amount } sudah dibayar.</b>
        [failed] ❌ <b>Checkout { $method } { $amount } gagal</b> — tautan ini tidak berlaku lagi.
        [cancelled] ✖️ <b>Checkout { $method } { $amount } dibatalkan</b> — tautan ini tidak berlaku lagi.
       *[expired] ⌛ <b>Checkout { $method } { $amount } kedaluwarsa</b> — tautan ini tidak berlaku lagi.
    }
}
