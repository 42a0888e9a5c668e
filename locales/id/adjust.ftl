# Admin: /koreksi (manual credit or debit of Coin Premium) and /audit (Bahasa Indonesia)
cmd-koreksi = Koreksi saldo Coin Premium merchant (admin)
cmd-audit = Log audit tindakan admin (admin)

adjust-cancel-button = ✖️ Batal
adjust-confirm-button = ✅ Konfirmasi
adjust-ask-merchant =
    🛠 <b>Koreksi saldo</b>
    Merchant mana? Kirim Telegram ID-nya (mis. <code>5001</code>) atau username (mis. <code>@tokosari</code>).
adjust-merchant-not-found = Merchant <b>{ $query }</b> tidak ditemukan. Kirim Telegram ID atau @username merchant yang pernah memakai bot ini.
adjust-merchant-line = { $name }{ $username } (ID { $id }) · Toko: { $store }
adjust-no-store = —
adjust-ask-amount =
    Merchant: { $merchant }
    Saldo sekarang: <b>{ $balance }</b>

    Berapa koreksinya? Rupiah bulat, dengan tanda: <code>+50000</code> menambah, <code>-20000</code> mengurangi. Tanpa tanda berarti menambah.
adjust-amount-format = Nominal tidak dapat dibaca. Contoh: <code>+50000</code>, <code>-20.000</code>, <code>50rb</code>. Coba lagi.
adjust-amount-fraction = Nominal harus rupiah bulat, tanpa sen. Coba lagi.
adjust-amount-zero = Koreksi Rp0 tidak mengubah apa pun. Kirim nominal lain.
adjust-amount-too_large = Nominal terlalu besar (maksimal { $max } per koreksi). Coba lagi.
adjust-amount-exceeds-balance = Saldo tidak boleh menjadi minus: saldo merchant sekarang <b>{ $balance }</b>. Kirim nominal lain.
adjust-ask-reason = Apa alasannya? Alasan wajib diisi (maksimal { $max } karakter) dan akan dilihat merchant.
adjust-reason-empty = Alasan wajib diisi. Tulis alasannya.
adjust-reason-too_long = Alasan terlalu panjang (maksimal { $max } karakter). Persingkat lalu kirim lagi.
adjust-type-answer = Ketik jawabannya, atau tekan Batal.
adjust-use-buttons = Gunakan tombol Konfirmasi atau Batal di atas.
adjust-summary =
    🛠 <b>Ringkasan koreksi</b>
    Merchant: { $merchant }
    Saldo sekarang: { $balance }
    Koreksi: <b>{ $amount }</b>
    Saldo sesudahnya: <b>{ $after }</b>
    Alasan: { $reason }

    Terapkan koreksi ini?
adjust-cancelled = Koreksi dibatalkan. Tidak ada yang diubah.
adjust-applied =
    ✅ <b>Koreksi #{ $id } diterapkan:</b> { $amount }
    Saldo merchant: { $before } → <b>{ $after }</b>
    Merchant diberi tahu.
adjust-already-applied = Koreksi ini sudah diterapkan sebelumnya (#{ $id }); tidak diterapkan dua kali. Saldo merchant sekarang: <b>{ $balance }</b>.
adjust-insufficient = ❌ Koreksi ditolak: saldo tidak boleh menjadi minus. Saldo merchant sekarang <b>{ $balance }</b>. Tidak ada yang diubah.
adjust-merchant-gone = Merchant tidak ditemukan lagi. Tidak ada yang diubah.

adjust-notice-credit =
    🛠 <b>Saldo Coin Premium Anda ditambah { $amount }</b> oleh admin.
    Alasan: { $reason }
    Saldo sekarang: <b>{ $balance }</b>
adjust-notice-debit =
    🛠 <b>Saldo Coin Premium Anda dikurangi { $amount }</b> oleh admin.
    Alasan: { $reason }
    Saldo sekarang: <b>{ $balance }</b>

adjust-history-item =
    <b>{ $number }.</b> { $date }
        { $amount } · Koreksi saldo oleh admin
        Alasan: { $reason }

adjust-stats =
    <b>Koreksi saldo</b>
    Hari ini: { $today }
    7 hari: { $week }
    30 hari: { $month }
adjust-stats-period = { $count } koreksi, bersih { $net }

audit-title = 🗂 <b>Log audit</b> (halaman { $page }), terbaru dulu
audit-empty = 🗂 Log audit masih kosong.
audit-newer = ◀ Lebih baru
audit-older = Lebih lama ▶
audit-row = <b>{ $at }</b> · { $who }
    { $action } { $object }
audit-system = Sistem
audit-actor = { $name } [{ $id }]
audit-action = { $action ->
    [adjustment-credit] Koreksi saldo (tambah)
    [adjustment-debit] Koreksi saldo (kurang)
    [exception-credit] Masalah dikreditkan
    [exception-dismiss] Masalah ditandai selesai
    [reconciliation-run] Rekonsiliasi dijalankan
    [broadcast-start] Pengumuman dimulai
    [broadcast-cancel] Pengumuman dihentikan
   *[other] { $raw }
}
audit-object = · { $type ->
    [merchant] merchant
    [topup] top up
    [exception] masalah
    [broadcast] pengumuman
    [reconciliation] rekonsiliasi
   *[other] { $type }
} #{ $id }
audit-reason = Alasan: { $reason }
audit-change = { $field }: { $before } → { $after }
audit-field = { $field ->
    [balance] saldo
    [status] status
    [audience] penerima
    [total] jumlah penerima
    [amount] nominal
   *[other] { $field }
}
