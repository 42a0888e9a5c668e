# Main menu and general texts (Bahasa Indonesia)
menu-topup = 💰 Top Up Coin Premium
menu-balance = 👛 Saldo
menu-status = 🔄 Status Pembayaran
menu-history = 🧾 History Pembayaran
menu-help = ❓ Bantuan

start-greeting =
    Halo, <b>{ $name }</b>! 👋
    Saya asisten pembayaran <b>Coin Premium</b>. Coin Premium adalah deposit untuk berlangganan Kasir Pintar Pro dan Plugin.

    Di sini Anda bisa top up Coin Premium dengan e-wallet, QRIS atau Virtual Account bank, melihat saldo, status dan riwayat pembayaran.
    Pilih menu di bawah ini:
menu-prompt = Pilih menu:

help-text =
    <b>Bantuan</b>

    <b>Cara top up Coin Premium</b>
    1. Ketik /topup atau pilih <i>Top Up Coin Premium</i>.
    2. Pilih nominal (atau <i>Nominal lain</i>), lalu metode pembayaran, lalu <i>Lanjutkan</i>.
    3. Bayar:
    • <i>E-Wallet → OVO</i>: masukkan nomor HP OVO, tekan <b>OK</b>, lalu tekan <b>Bayar</b> di notifikasi <i>Konfirmasi Pembayaran</i> aplikasi OVO dalam ±60 detik.
    • <i>E-Wallet → DANA, ShopeePay, LinkAja</i>: tekan tombol <i>Bayar dengan …</i> dan selesaikan di aplikasinya.
    • <i>QRIS</i>: scan kode QR yang saya kirim dengan aplikasi bank atau e-wallet apa pun.
    • <i>Virtual Account</i>: transfer tepat sejumlah nominal ke nomor VA yang saya kirim (ATM atau m-banking).
    4. Saya akan mengabari begitu pembayaran berhasil, dan saldo Coin Premium langsung bertambah.
    Setelah top up pertama, tombol <i>🔁 Top up lagi</i> di menu mengulanginya dengan satu konfirmasi.

    <b>Perintah</b>
    /topup — top up Coin Premium
    /saldo — saldo Coin Premium
    /status — status pembayaran yang sedang berjalan
    /riwayat — riwayat pembayaran dan invoice
    /toko — nama toko yang tercantum di invoice
    /pengumuman — terima pengumuman lagi
    /batal — batalkan proses yang sedang berjalan
    /language — ganti bahasa (Indonesia / English)

language-prompt = Pilih bahasa:
language-changed = ✅ Bahasa diganti ke Bahasa Indonesia.

cancel-done = Dibatalkan. Tidak ada pembayaran yang dibuat.
cancel-nothing = Tidak ada proses yang sedang berjalan.
stale-button = Tombol ini sudah tidak berlaku.
unknown-command = Perintah tidak dikenal. Ketik /bantuan untuk melihat yang bisa saya lakukan.
unknown-text = Saya belum mengerti pesan itu. Pilih menu di bawah ini atau ketik /bantuan.
error-generic = Maaf, terjadi kesalahan di sistem kami. Silakan coba lagi sebentar lagi.

balance-text =
    👛 <b>Saldo Coin Premium</b>
    { $balance }

cmd-start = Mulai dan tampilkan menu
cmd-topup = Top up Coin Premium
cmd-saldo = Lihat saldo Coin Premium
cmd-status = Status pembayaran
cmd-riwayat = History pembayaran dan invoice
cmd-bantuan = Bantuan dan cara bayar
cmd-batal = Batalkan proses yang berjalan
cmd-language = Ganti bahasa / Change language
