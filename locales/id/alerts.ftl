# Peringatan untuk admin (pemantauan tanpa Prometheus)
alert-outbox-stale =
    🚨 <b>Notifikasi tertunda</b>
    Notifikasi tertua di antrean belum terkirim selama { $minutes } menit ({ $pending } menunggu). Periksa koneksi bot ke Telegram dan log server.
alert-outbox-stale-ended = ✅ <b>Notifikasi lancar lagi</b>: tidak ada lagi notifikasi yang tertunda lebih dari 5 menit.
alert-callbacks-failing =
    🚨 <b>Callback Xendit gagal dicatat</b>
    Sejak { $since } callback pembayaran tidak bisa disimpan (dijawab 5xx, Xendit akan mengirim ulang). Periksa database dan log server.
alert-callbacks-failing-ended = ✅ <b>Callback Xendit tercatat lagi</b>: callback terbaru berhasil disimpan.
