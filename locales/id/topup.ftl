# Top-up conversation and payment notifications (Bahasa Indonesia)
topup-choose-amount = <b>Top Up Coin Premium</b>
    Pilih nominal top up:
topup-other-amount = ✏️ Nominal lain
topup-type-amount = Ketik nominal top up, contoh <code>150000</code>, <code>150.000</code> atau <code>150rb</code>.
    Minimal { $min }, maksimal { $max }.
topup-amount-format = Nominal tidak terbaca. Ketik angka saja, contoh <code>150000</code> atau <code>150rb</code>.
topup-amount-fraction = Nominal harus dalam rupiah penuh, tanpa sen. Contoh: <code>150000</code>.
topup-amount-too-small = Nominal minimal { $min }. Ketik nominal lain.
topup-amount-too-large = Nominal maksimal { $max } per top up. Ketik nominal lain.
topup-use-buttons = Silakan pilih salah satu tombol di atas, atau ketik /batal untuk berhenti.
topup-choose-method = Pilih metode pembayaran:
topup-choose-ewallet = Pilih e-wallet:
topup-choose-bank = Pilih bank untuk Virtual Account:
topup-back = ◀️ Kembali
topup-unavailable-above-max = { $name } — maks. { $max }
topup-unavailable-below-min = { $name } — min. { $min }
topup-refused-above-max = { $name } menerima paling banyak { $max } per pembayaran. Pilih metode lain atau nominal yang lebih kecil.
topup-refused-below-min = { $name } menerima paling sedikit { $min } per pembayaran. Pilih metode lain atau nominal yang lebih besar.
topup-summary =
    <b>Ringkasan top up</b>
    Nominal: <b>{ $amount }</b>
    Metode: { $method }
    { $flow ->
        [push] Berikutnya: nomor HP OVO Anda.
        [qr] Tekan Lanjutkan untuk menerima kode QRIS.
        [va] Tekan Lanjutkan untuk menerima nomor Virtual Account.
       *[other] Tekan Lanjutkan untuk membuka halaman pembayaran.
    }
topup-continue = ✅ Lanjutkan
topup-cancel = ✖️ Batal
topup-ask-phone = Masukkan <b>nomor HP aktif yang terdaftar di OVO</b> (contoh <code>0812 3456 7890</code>), atau tekan tombol di bawah.
topup-share-phone = 📱 Kirim nomor saya
topup-last-phone = Pakai nomor terakhir { $phone }
topup-phone-format = Nomor HP tidak valid. Masukkan nomor HP Indonesia, contoh <code>081234567890</code> atau <code>+6281234567890</code>.
topup-phone-not-mobile = Itu bukan nomor HP seluler. OVO memakai nomor HP Indonesia yang diawali 08 atau +628.
topup-phone-received = Nomor OVO: <b>{ $phone }</b>
topup-confirm-phone = Tekan <b>OK</b> untuk mengirim permintaan pembayaran <b>{ $amount }</b> ke aplikasi OVO di nomor { $phone }.
topup-ok = OK
topup-change-phone = ✏️ Ubah nomor
topup-cancelled = Top up dibatalkan. Tidak ada pembayaran yang dibuat.
topup-sending = ⏳ Mengirim permintaan pembayaran ke OVO…
topup-sent =
    📲 Notifikasi <b>Konfirmasi Pembayaran</b> sudah dikirim ke aplikasi OVO di nomor <b>{ $phone }</b>.
    Buka notifikasi tersebut dan tekan <b>Bayar</b> dalam ±60 detik.

    Nominal: <b>{ $amount }</b>
    Saya akan mengabari begitu pembayaran dikonfirmasi.
topup-uncertain =
    ⏳ OVO belum menjawab permintaan pembayaran <b>{ $amount }</b> ke nomor { $phone }.
    Jika notifikasi <b>Konfirmasi Pembayaran</b> muncul di aplikasi OVO, Anda boleh membayarnya — saya akan mengabari hasilnya. Jangan membuat top up baru dulu.
topup-declined =
    ❌ Permintaan pembayaran tidak dapat dibuat.
    { $reason }
topup-uncertain-code =
    ⏳ Xendit belum menjawab permintaan pembayaran <b>{ $amount }</b> dengan { $method }.
    Saya akan memeriksanya sendiri; tekan <b>Status Pembayaran</b> sebentar lagi. Jangan membuat top up baru dulu.
topup-misconfigured = ❌ Pembayaran dengan { $method } sedang tidak dapat diproses. Tim kami sudah diberi tahu. Saldo Anda tidak terpotong.
topup-already-open = { $flow ->
    [push]
        ⏳ Masih ada pembayaran yang menunggu: <b>{ $amount }</b> ke nomor { $phone }.
        Selesaikan di aplikasi OVO, atau tunggu ±1 menit sampai kedaluwarsa.
   *[other]
        ⏳ Masih ada pembayaran yang menunggu: <b>{ $amount }</b> dengan { $method }.
        Tekan <b>Status Pembayaran</b> untuk melihatnya; top up baru bisa dibuat setelah pembayaran itu selesai atau kedaluwarsa.
}
topup-phone-limited = ⛔ Sudah terlalu banyak permintaan pembayaran ke nomor ini dalam 1 jam terakhir. Jika ini nomor Anda sendiri, kirim dengan tombol <b>📱 Kirim nomor saya</b>. Selain itu, silakan coba lagi nanti atau pakai nomor lain.
topup-status-button = 🔄 Status Pembayaran
topup-retry-button = 🔁 Coba lagi

payment-succeeded =
    ✅ <b>Pembayaran berhasil</b>
    Nominal: <b>{ $amount }</b> · { $method }
    Saldo Coin Premium: <b>{ $balance }</b>
    Referensi: <code>{ $reference }</code>
payment-succeeded-late = (Pembayaran ini diterima setelah batas waktu, dan sudah kami tambahkan ke saldo Anda.)
payment-repeat-button = 🔁 Top up lagi
payment-failed =
    ❌ <b>Pembayaran gagal</b>
    Nominal: { $amount } · { $method }
    { $reason }
    Saldo Anda tidak terpotong.
# $flow: push (OVO), redirect (DANA, ShopeePay, LinkAja), qr (QRIS), va (virtual accounts).
payment-expired = { $flow ->
    [qr]
        ⌛ <b>QR kedaluwarsa</b>
        QR untuk pembayaran { $amount } tidak dibayar dalam batas waktu dan tidak berlaku lagi.
        Jika Anda sempat membayarnya, Coin Premium akan ditambahkan otomatis begitu pembayaran dikonfirmasi.
    [va]
        ⌛ <b>Virtual account kedaluwarsa</b>
        Nomor { $method } untuk pembayaran { $amount } tidak dibayar dalam batas waktu dan tidak berlaku lagi. Jangan transfer ke nomor itu.
        Jika Anda sempat mentransfer, Coin Premium akan ditambahkan otomatis begitu bank mengonfirmasi.
    [redirect]
        ⌛ <b>Waktu pembayaran habis</b>
        Pembayaran { $amount } dengan { $method } tidak disetujui dalam batas waktu.
        Jika saldo { $name } Anda terpotong, Coin Premium akan ditambahkan otomatis begitu { $name } mengonfirmasi.
   *[push]
        ⌛ <b>Waktu pembayaran habis</b>
        Pembayaran { $amount } ke nomor { $method } tidak terkonfirmasi dalam batas waktu.
        Jika saldo { $name } Anda terpotong, Coin Premium akan ditambahkan otomatis begitu { $name } mengonfirmasi.
}
payment-unconfirmed = { $flow ->
    [push]
        ⌛ <b>Pembayaran tidak terkonfirmasi</b>
        Pembayaran { $amount } ke nomor { $method }: { $reason }
        Jika saldo { $name } Anda terpotong, Coin Premium akan ditambahkan otomatis begitu { $name } mengonfirmasi.
   *[other]
        ⌛ <b>Pembayaran tidak terkonfirmasi</b>
        Pembayaran { $amount } dengan { $method }: { $reason }
        Jika Anda sudah membayar, Coin Premium akan ditambahkan otomatis begitu pembayaran dikonfirmasi.
}
payment-cancelled =
    ✖️ <b>Top up dibatalkan</b> — { $flow ->
        [qr] QR sebelumnya tidak berlaku lagi.
        [va] nomor VA sebelumnya tidak berlaku lagi. Jangan transfer ke nomor itu.
       *[other] checkout { $name } sebelumnya tidak berlaku lagi.
    }
    Nominal: { $amount } · { $method }
    Jika Anda sempat membayar sebelum dibatalkan, Coin Premium tetap ditambahkan otomatis.

# Reasons. $name is the brand (OVO, DANA, QRIS, or the bank of a virtual account), $method the method ("BCA Virtual
# Account"), $flow as above, $group ewallet, qris or va.
failure-USER_DECLINED_PAYMENT = { $flow ->
    [qr] Pembayaran ditolak di aplikasi yang dipakai untuk memindai QR.
    [va] Transfer ditolak oleh bank.
   *[other] Pembayaran ditolak di aplikasi { $name }.
}
failure-INSUFFICIENT_BALANCE = { $flow ->
    [qr] Saldo di aplikasi yang dipakai untuk memindai QR tidak cukup. Isi saldo lalu coba lagi.
    [va] Saldo rekening tidak cukup untuk transfer ini.
   *[other] Saldo { $name } tidak cukup. Isi saldo { $name } lalu coba lagi.
}
failure-USER_UNREACHABLE = { $group ->
    [ewallet] Aplikasi { $name } tidak dapat dihubungi. Pastikan aplikasi { $name } terpasang, Anda sudah login dan ponsel terhubung ke internet.
   *[other] Aplikasi pembayar tidak dapat dihubungi. Pastikan ponsel terhubung ke internet lalu coba lagi.
}
failure-USER_DEVICE_UNREACHABLE = { failure-USER_UNREACHABLE }
failure-ACCOUNT_ACCESS_BLOCKED = { $group ->
    [ewallet] Akun { $name } ini sedang diblokir. Hubungi layanan pelanggan { $name }.
   *[other] Rekening atau akun yang dipakai untuk membayar sedang diblokir. Hubungi bank atau e-wallet Anda.
}
failure-INVALID_ACCOUNT_DETAILS = { $flow ->
    [push] Nomor ini tidak terdaftar di { $name }. Periksa kembali nomornya.
    [redirect] Akun { $name } tidak dikenali. Periksa akun Anda lalu coba lagi.
   *[other] Data rekening atau akun pembayar tidak valid. Periksa kembali lalu coba lagi.
}
failure-MAXIMUM_LIMIT_REACHED = { $group ->
    [ewallet] Batas transaksi akun { $name } sudah tercapai. Coba nominal lebih kecil atau coba lagi besok.
   *[other] Batas transaksi rekening atau akun pembayar sudah tercapai. Coba nominal lebih kecil atau coba lagi besok.
}
failure-ACCOUNT_NOT_ACTIVATED = { $group ->
    [ewallet] Akun { $name } belum aktif. Aktifkan akun di aplikasi { $name } lalu coba lagi.
   *[other] Rekening atau akun pembayar belum aktif untuk pembayaran ini.
}
failure-CHANNEL_UNAVAILABLE = { $method } sedang tidak tersedia. Silakan coba beberapa saat lagi.
failure-INVALID_MERCHANT_CREDENTIALS = Pembayaran { $method } sedang tidak dapat diproses di pihak kami. Silakan coba lagi nanti.
failure-API_VALIDATION_ERROR = { $flow ->
    [push] Data pembayaran tidak diterima { $name }. Periksa nomor HP lalu coba lagi.
   *[other] Data pembayaran tidak diterima { $method }. Silakan coba lagi.
}
failure-VOIDED = { $group ->
    [ewallet] Pembayaran dibatalkan dan dananya dikembalikan ke { $name }.
   *[other] Pembayaran dibatalkan dan dananya dikembalikan.
}
failure-REFUNDED = { $group ->
    [ewallet] Pembayaran dikembalikan ke { $name }.
   *[other] Pembayaran dikembalikan.
}
failure-EXPIRED = { $flow ->
    [qr] QR kedaluwarsa sebelum dibayar.
    [va] Virtual account kedaluwarsa sebelum dibayar.
    [redirect] Checkout { $name } tidak diselesaikan dalam batas waktu.
   *[push] Pembayaran tidak terkonfirmasi dalam batas waktu.
}
failure-PAYMENT_REQUEST_EXPIRED = { failure-EXPIRED }
failure-USER_DID_NOT_AUTHORIZE = { $flow ->
    [push] Pembayaran tidak disetujui di aplikasi { $name }.
    [redirect] Pembayaran tidak disetujui di checkout { $name }.
   *[other] Pembayaran tidak diselesaikan.
}
failure-PARTNER_TIMEOUT_ERROR = { $group ->
    [va] Bank { $name } tidak menjawab tepat waktu. Silakan coba lagi.
    [qris] Jaringan QRIS tidak menjawab tepat waktu. Silakan coba lagi.
   *[other] { $name } tidak menjawab tepat waktu. Silakan coba lagi.
}
failure-CANCELLED = { $flow ->
    [qr] Top up dibatalkan; QR-nya tidak berlaku lagi.
    [va] Top up dibatalkan; nomor virtual account-nya tidak berlaku lagi.
   *[other] Top up dibatalkan sebelum dibayar.
}
failure-NO_GATEWAY_RESPONSE = { $flow ->
    [push] { $name } tidak menjawab permintaan pembayaran.
   *[other] Penyedia pembayaran tidak menjawab permintaan pembayaran.
}
failure-CHARGE_NOT_FOUND = { $flow ->
    [push] { $name } tidak mengenali permintaan pembayaran ini.
   *[other] Penyedia pembayaran tidak mengenali permintaan pembayaran ini.
}
failure-STATUS_CHECK_FAILED = { $flow ->
    [push] Status pembayaran tidak dapat kami periksa di { $name }.
   *[other] Status pembayaran tidak dapat kami periksa di penyedia pembayaran.
}
failure-generic = { $flow ->
    [push] Pembayaran tidak berhasil diproses oleh { $name }.
   *[other] Pembayaran { $method } tidak berhasil diproses.
}

status-title = <b>Status Pembayaran</b>
status-none = Tidak ada pembayaran yang sedang menunggu.
status-line = { $date } · <b>{ $amount }</b> · { $method } · { $status }
status-last = Pembayaran terakhir:
status-creating = ⏳ Menunggu
status-pending = ⏳ Menunggu
status-succeeded = ✅ Berhasil
status-failed = ❌ Gagal
status-cancelled = ✖️ Dibatalkan
status-expired = ⌛ Kedaluwarsa
