# Main menu and general texts (Bahasa Indonesia)
menu-topup = 💰 Top Up Coin Premium
menu-balance = 👛 Saldo
menu-status = 🔄 Status Pembayaran
menu-history = 🧾 History Pembayaran
menu-help = ❓ Bantuan

start-greeting =
    Halo, <b>{ $name }</b>! 👋
    Saya asisten pembayaran <b>Coin Premium</b>. Coin Premium adalah deposit untuk berlangganan Kasir Pintar Pro dan Plugin.

    Di sini Anda bisa top up Coin Premium dengan OVO, melihat saldo, status dan riwayat pembayaran.
    Pilih menu di bawah ini:
menu-prompt = Pilih menu:

help-text =
    <b>Bantuan</b>

    <b>Cara top up Coin Premium dengan OVO</b>
    1. Ketik /topup atau pilih <i>Top Up Coin Premium</i>.
    2. Pilih nominal (atau <i>Nominal lain</i>), lalu metode <i>E-Wallet</i> → <i>OVO</i>, lalu <i>Lanjutkan</i>.
    3. Masukkan nomor HP aktif yang terdaftar di OVO, lalu tekan <b>OK</b>.
    4. Buka notifikasi <i>Konfirmasi Pembayaran</i> di aplikasi OVO dan tekan <b>Bayar</b> dalam ±60 detik.
    5. Saya akan mengabari begitu pembayaran berhasil, dan saldo Coin Premium langsung bertambah.

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
cmd-topup = Top up Coin Premium dengan OVO
cmd-saldo = Lihat saldo Coin Premium
cmd-status = Status pembayaran
cmd-riwayat = History pembayaran dan invoice
cmd-bantuan = Bantuan dan cara bayar
cmd-batal = Batalkan proses yang berjalan
cmd-language = Ganti bahasa / Change language
