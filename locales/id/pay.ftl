# The QR, virtual account and checkout a top-up waits on; cancelling them; "Top up lagi" (Bahasa Indonesia)
pay-expiry = Berlaku sampai: <b>{ $time }</b>
pay-qris-title =
    <b>QRIS · Top Up Coin Premium</b>
    Nominal: <b>{ $amount }</b>
pay-qris-merchant = Nama merchant: <b>{ $name }</b>
pay-qris-scan = Scan QR ini dengan aplikasi bank atau e-wallet apa pun yang mendukung QRIS. Saya akan mengabari begitu pembayaran diterima.
pay-va-title = 🏦 <b>Virtual Account { $bank }</b>
pay-va-number = Nomor VA: <code>{ $number }</code>
pay-va-amount = Transfer tepat <b>{ $amount }</b> — nominal lain tidak diterima otomatis.
pay-va-copy = 📋 Salin nomor VA
pay-redirect-title =
    📱 <b>Bayar dengan { $name }</b>
    Nominal: <b>{ $amount }</b>
pay-redirect-how = Tekan tombol di bawah untuk membuka { $name } dan selesaikan pembayarannya di sana. Saya akan mengabari begitu pembayaran diterima.
pay-redirect-button = Bayar dengan { $name }
pay-cancel-button = ✖️ Batalkan
pay-code-missing =
    ⏳ Pembayaran <b>{ $amount }</b> dengan { $method } sudah dibuat, tetapi kode pembayarannya belum kami terima.
    Tekan <b>Status Pembayaran</b> sebentar lagi, atau batalkan.

pay-howto-BCA_VA =
    <b>Cara bayar</b>
    <b>ATM BCA:</b> Transaksi Lainnya → Transfer → ke Rek BCA Virtual Account → masukkan nomor VA → periksa nama dan nominal → Ya.
    <b>BCA mobile (m-BCA):</b> m-Transfer → BCA Virtual Account → masukkan nomor VA → periksa nominal → OK → PIN m-BCA.
pay-howto-BNI_VA =
    <b>Cara bayar</b>
    <b>ATM BNI:</b> Menu Lain → Transfer → Virtual Account Billing → masukkan nomor VA → periksa nominal → Ya.
    <b>BNI Mobile Banking (wondr):</b> Transfer → Virtual Account Billing → masukkan nomor VA → periksa nominal → Lanjut → password transaksi.
pay-howto-BRI_VA =
    <b>Cara bayar</b>
    <b>ATM BRI:</b> Transaksi Lain → Pembayaran → Lainnya → BRIVA → masukkan nomor VA → periksa nominal → Ya.
    <b>BRImo:</b> Pembayaran → BRIVA → masukkan nomor VA → periksa nominal → Bayar → PIN.
pay-howto-MANDIRI_VA =
    <b>Cara bayar</b>
    <b>ATM Mandiri:</b> Bayar/Beli → Lainnya → Multi Payment → masukkan kode perusahaan dan nomor VA → periksa nominal → Ya.
    <b>Livin' by Mandiri:</b> Bayar → Buat pembayaran baru → Multipayment → pilih Xendit → masukkan nomor VA → Konfirmasi → PIN.
pay-howto-PERMATA_VA =
    <b>Cara bayar</b>
    <b>ATM Permata:</b> Transaksi Lainnya → Pembayaran → Pembayaran Lainnya → Virtual Account → masukkan nomor VA → Benar.
    <b>PermataMobile X:</b> Bayar Tagihan → Virtual Account → masukkan nomor VA → periksa nominal → Konfirmasi → PIN.

pay-cancel-cancelled = Dibatalkan; kode lama tidak berlaku lagi.
pay-cancel-paid = Pembayaran ini sudah diterima, jadi tidak dibatalkan. Coin Premium sudah ditambahkan ke saldo Anda.
pay-cancel-final = Pembayaran ini sudah selesai atau kedaluwarsa; tidak ada yang perlu dibatalkan.
pay-cancel-not_cancellable = Permintaan OVO tidak bisa dibatalkan. Jika tidak dibayar, permintaan itu kedaluwarsa sendiri dalam ±60 detik.
pay-cancel-unavailable = Pembatalan belum bisa dikonfirmasi sekarang. Coba tekan Batalkan lagi sebentar lagi.

menu-repeat = 🔁 Top up lagi { $amount } · { $method }
repeat-method = { $flow ->
    [push] { $name } { $phone }
    [va] { $name } VA
   *[other] { $name }
}
repeat-summary =
    🔁 <b>Top up lagi</b>
    Nominal: <b>{ $amount }</b>
    Metode: { $method }
    { $flow ->
        [push] Tekan <b>Bayar</b> untuk mengirim permintaan pembayaran ke aplikasi OVO.
        [qr] Tekan <b>Bayar</b> untuk menerima kode QRIS.
        [va] Tekan <b>Bayar</b> untuk menerima nomor Virtual Account.
       *[other] Tekan <b>Bayar</b> untuk membuka halaman pembayaran.
    }
repeat-pay = ✅ Bayar
repeat-change = ✏️ Ubah
repeat-unavailable = Top up ini tidak bisa diulang lagi. Pilih 💰 Top Up Coin Premium di menu.
