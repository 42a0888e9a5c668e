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
        Selesaikan dulu, atau batalkan dengan tombol <b>Batalkan</b> di pesan pembayarannya.
}
topup-phone-limited = ⛔ Sudah terlalu banyak permintaan pembayaran ke nomor ini dalam 1 jam terakhir. Jika ini nomor Anda sendiri, kirim dengan tombol <b>📱 Kirim nomor saya</b>. Selain itu, silakan coba lagi nanti atau pakai nomor lain.
topup-status-button = 🔄 Status Pembayaran
topup-retry-button = 🔁 Coba lagi

payment-succeeded =
    ✅ <b>Pembayaran berhasil</b>
    Nominal: <b>{ $amount }</b>
    Saldo Coin Premium: <b>{ $balance }</b>
    Referensi: <code>{ $reference }</code>
payment-succeeded-late = (Pembayaran ini diterima setelah batas waktu, dan sudah kami tambahkan ke saldo Anda.)
payment-failed =
    ❌ <b>Pembayaran gagal</b>
    Nominal: { $amount } · { $method }
    { $reason }
    Saldo Anda tidak terpotong.
payment-expired =
    ⌛ <b>Waktu pembayaran habis</b>
    Pembayaran { $amount } dengan { $method } tidak terkonfirmasi dalam batas waktu.
    Jika saldo OVO Anda terpotong, Coin Premium akan ditambahkan otomatis begitu OVO mengonfirmasi.
payment-unconfirmed =
    ⌛ <b>Pembayaran tidak terkonfirmasi</b>
    Pembayaran { $amount } dengan { $method }: { $reason }
    Jika saldo OVO Anda terpotong, Coin Premium akan ditambahkan otomatis begitu OVO mengonfirmasi.

failure-USER_DECLINED_PAYMENT = Pembayaran ditolak di aplikasi OVO.
failure-INSUFFICIENT_BALANCE = Saldo OVO tidak cukup. Isi saldo OVO lalu coba lagi.
failure-USER_UNREACHABLE = Aplikasi OVO tidak dapat dihubungi. Pastikan aplikasi OVO terpasang, Anda sudah login dan ponsel terhubung ke internet.
failure-ACCOUNT_ACCESS_BLOCKED = Akun OVO ini sedang diblokir. Hubungi layanan pelanggan OVO.
failure-INVALID_ACCOUNT_DETAILS = Nomor ini tidak terdaftar di OVO. Periksa kembali nomornya.
failure-MAXIMUM_LIMIT_REACHED = Batas transaksi akun OVO sudah tercapai. Coba nominal lebih kecil atau coba lagi besok.
failure-ACCOUNT_NOT_ACTIVATED = Akun OVO belum aktif. Aktifkan akun di aplikasi OVO lalu coba lagi.
failure-CHANNEL_UNAVAILABLE = OVO sedang tidak tersedia. Silakan coba beberapa saat lagi.
failure-INVALID_MERCHANT_CREDENTIALS = Pembayaran OVO sedang tidak dapat diproses di pihak kami. Silakan coba lagi nanti.
failure-API_VALIDATION_ERROR = Data pembayaran tidak diterima OVO. Periksa nomor HP lalu coba lagi.
failure-VOIDED = Pembayaran dibatalkan dan dananya dikembalikan ke OVO.
failure-REFUNDED = Pembayaran dikembalikan ke OVO.
failure-EXPIRED = Pembayaran tidak terkonfirmasi dalam batas waktu.
failure-NO_GATEWAY_RESPONSE = OVO tidak menjawab permintaan pembayaran.
failure-CHARGE_NOT_FOUND = OVO tidak mengenali permintaan pembayaran ini.
failure-STATUS_CHECK_FAILED = Status pembayaran tidak dapat kami periksa di OVO.
failure-generic = Pembayaran tidak berhasil diproses oleh OVO.

status-title = <b>Status Pembayaran</b>
status-none = Tidak ada pembayaran yang sedang menunggu.
status-line = { $date } · <b>{ $amount }</b> · { $method } · { $status }
status-last = Pembayaran terakhir:
status-creating = ⏳ Menunggu
status-pending = ⏳ Menunggu
status-succeeded = ✅ Berhasil
status-failed = ❌ Gagal
status-expired = ⌛ Kedaluwarsa
