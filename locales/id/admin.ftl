# Admin commands: /broadcast, /broadcast_cancel, /stats (Bahasa Indonesia)
admin-cancel-button = ✖️ Batal
admin-broadcast-ask =
    📣 <b>Pengumuman baru</b>
    Kirim pesan yang ingin disiarkan ke merchant: teks (boleh berformat), foto dengan caption, atau dokumen. Pesan yang diteruskan juga bisa.
admin-broadcast-unsupported = Kirim teks, foto, atau dokumen. Ketik /batal untuk membatalkan.
admin-broadcast-use-buttons = Gunakan tombol di atas, atau ketik /batal untuk membatalkan.
admin-broadcast-audience = Siapa yang menerima pengumuman ini? (Merchant yang memblokir bot atau mematikan pengumuman tidak dihitung.)
admin-audience-all = Semua merchant ({ $count })
admin-audience-paid = Pernah top up ({ $count })
admin-audience-never_paid = Belum pernah top up ({ $count })
admin-audience-name-all = semua merchant
admin-audience-name-paid = merchant yang pernah top up
admin-audience-name-never_paid = merchant yang belum pernah top up
admin-broadcast-preview =
    👆 <b>Pratinjau</b> — begini pesan akan terlihat.
    Penerima: <b>{ $count }</b> ({ $audience }).
    Kirim sekarang?
admin-broadcast-send = ✅ Kirim
admin-broadcast-nobody = Tidak ada merchant dalam kelompok ini. Pengumuman tidak dikirim.
admin-broadcast-cancelled = Pengumuman dibatalkan. Tidak ada yang dikirim.
admin-broadcast-started = 📣 <b>Pengumuman #{ $id }</b> mulai dikirim ke { $total } merchant.
admin-broadcast-progress =
    📣 <b>Pengumuman #{ $id }</b> sedang dikirim
    { $bar } { $percent }%
    ✅ Terkirim: { $sent }
    ⚠️ Gagal: { $failed }
    🚫 Memblokir bot: { $blocked }
    ⏳ Sisa: { $remaining }
    Kecepatan: { NUMBER($rate, minimumFractionDigits: 1, maximumFractionDigits: 1) } pesan/detik · Selesai dalam: { $eta }
admin-eta-unknown = menghitung…
admin-eta-seconds = ±{ $seconds } detik
admin-eta-minutes = ±{ $minutes } menit
admin-broadcast-title-done = ✅ <b>Pengumuman #{ $id } selesai</b>
admin-broadcast-title-cancelled = 🛑 <b>Pengumuman #{ $id } dibatalkan</b>
admin-broadcast-report =
    { $title }
    Penerima: { $total }
    ✅ Terkirim: { $sent }
    ⚠️ Gagal: { $failed }
    🚫 Memblokir bot: { $blocked }
    ⏭ Tidak dikirim: { $skipped }
admin-broadcast-cancelling = Pengumuman #{ $id } dihentikan. Laporan akhir menyusul.
admin-broadcast-not-running = Tidak ada pengumuman yang sedang dikirim.
admin-broadcast-cancel-toast = Dihentikan.

admin-stats =
    📊 <b>Statistik</b> — { $now }

    <b>Merchant</b>
    Total: { $total } · Aktif: { $active } · Memblokir bot: { $blocked } · Mematikan pengumuman: { $muted }

    <b>Top up</b>
    Hari ini: { $today }
    7 hari: { $week }
    30 hari: { $month }
    Menunggu pembayaran sekarang: { $pendingCount } ({ $pendingAmount })
    Coin Premium beredar: <b>{ $outstanding }</b>

    <b>Pengumuman terakhir</b>
    { $broadcasts }
admin-stats-period = { $started } top up, { $amount } berhasil dibayar, tingkat berhasil { $rate }
admin-stats-no-rate = —
admin-stats-no-broadcasts = Belum ada pengumuman.
admin-stats-broadcast = #{ $id } { $date } · { $audience } · { $status }: { $sent }/{ $total } terkirim, { $failed } gagal, { $blocked } memblokir
admin-status-running = berjalan
admin-status-done = selesai
admin-status-cancelled = dibatalkan
admin-status-draft = draf

cmd-broadcast = Kirim pengumuman ke merchant (admin)
cmd-broadcast_cancel = Hentikan pengumuman yang berjalan (admin)
cmd-stats = Statistik merchant dan top up (admin)
