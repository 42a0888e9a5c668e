# /masalah: exceptions of payments and notifications, for admins (Bahasa Indonesia)
cmd-masalah = Masalah pembayaran yang perlu ditangani (admin)

exceptions-none = ✅ Tidak ada masalah terbuka.
exceptions-title = 🚨 <b>Masalah terbuka: { $total }</b> · halaman { $page }/{ $pages }
exceptions-open-button = #{ $id }
exceptions-prev-button = ‹ Sebelumnya
exceptions-next-button = Berikutnya ›
exceptions-back-button = ‹ Daftar masalah
exceptions-not-found = Masalah ini tidak ditemukan.

exceptions-kind-flagged = Pembayaran ditandai
exceptions-kind-stuck = Pembayaran macet
exceptions-kind-undeliverable = Notifikasi tidak terkirim
exceptions-kind-reconciliation = Selisih rekonsiliasi

exceptions-age-minutes = { $n } menit
exceptions-age-hours = { $n } jam
exceptions-age-days = { $n } hari

exceptions-item-title = <b>#{ $id } · { $kind }</b> · { $age } lalu
exceptions-item-merchant = Merchant: { $name } · { $store } · ID { $id }
exceptions-no-store = tanpa nama toko
exceptions-item-payment =
    Nominal: <b>{ $amount }</b> · Metode: OVO ({ $channel }) · Status: { $status }
    Referensi: <code>{ $reference }</code> · ID Xendit: <code>{ $chargeId }</code>
exceptions-item-notification = Notifikasi: { $kind } · dibuat { $created }
exceptions-item-reason = Alasan: { $reason }
exceptions-item-opened = Dibuka: { $at }
exceptions-item-resolved = ✔️ <b>{ $resolution }</b> { $at } oleh { $by } — { $reason }
exceptions-resolution-credited = Dikreditkan
exceptions-resolution-dismissed = Ditandai selesai
exceptions-resolution-settled = Diselesaikan oleh gateway
exceptions-by-system = sistem

exceptions-check-button = 🔎 Periksa ke Xendit
exceptions-credit-button = 💰 Kreditkan
exceptions-dismiss-button = ✅ Tandai selesai
exceptions-cancel-button = ✖️ Batal

exceptions-gateway-title = 🔎 <b>Xendit tentang #{ $id }</b>
exceptions-gateway-charge =
    Status: <b>{ $status }</b>
    Nominal: <b>{ $amount }</b>
    ID Xendit: <code>{ $chargeId }</code> · Referensi: <code>{ $reference }</code>
    Kode kegagalan: { $failure }
exceptions-gateway-unavailable = ⚠️ Xendit tidak dapat dihubungi ({ $code }). Tidak ada yang berubah; coba lagi nanti.
exceptions-gateway-no_charge = Masalah #{ $id } tidak punya ID Xendit untuk diperiksa.
exceptions-gateway-not_found = Masalah #{ $id } tidak ditemukan.

exceptions-credit-matches = Xendit mengonfirmasi pembayaran <b>{ $amount }</b>, sesuai nominal yang diminta.
exceptions-credit-differs =
    ⚠️ <b>Nominal berbeda.</b> Xendit menerima <b>{ $paid }</b>, padahal yang diminta <b>{ $expected }</b>.
    Jika dikreditkan, yang ditambahkan adalah <b>{ $paid }</b> (uang yang benar-benar diterima).
exceptions-reason-ask = Ketik alasan mengkreditkan pembayaran ini (dicatat di audit).
exceptions-reason-ask-differs = Ketik alasan mengkreditkan nominal yang berbeda ini (wajib, dicatat di audit).
exceptions-reason-required = Alasan wajib diisi. Ketik alasannya, atau tekan Batal.
exceptions-reason-too-long = Alasan terlalu panjang (maksimal { $max } karakter). Ketik yang lebih singkat.
exceptions-use-buttons = Gunakan tombol di atas, atau ketik /batal untuk membatalkan.
exceptions-credit-confirm =
    Kreditkan <b>{ $amount }</b> untuk masalah #{ $id }?
    Alasan: { $reason }
exceptions-credit-yes = ✅ Ya, kreditkan
exceptions-credited = ✅ Masalah #{ $id } selesai: <b>{ $amount }</b> dikreditkan. Saldo merchant sekarang { $balance }. Merchant sudah diberi tahu.
exceptions-already-credited = ℹ️ Pembayaran #{ $id } sudah dikreditkan oleh callback Xendit sebelumnya. Tidak ada yang dikreditkan lagi; masalah ditutup.
exceptions-dismiss-ask = Ketik alasan menandai masalah #{ $id } selesai (dicatat di audit).
exceptions-dismiss-confirm =
    Tandai masalah #{ $id } selesai tanpa mengubah saldo?
    Alasan: { $reason }
exceptions-dismiss-yes = ✅ Ya, tandai selesai
exceptions-dismissed = ✅ Masalah #{ $id } ditandai selesai.
exceptions-cancelled = Dibatalkan. Tidak ada yang berubah.

exceptions-refused-not_found = Masalah #{ $id } tidak ditemukan.
exceptions-refused-already_resolved = ℹ️ Masalah #{ $id } sudah diselesaikan oleh orang lain. Tidak ada yang berubah.
exceptions-refused-no_charge = Masalah #{ $id } tidak punya pembayaran Xendit yang bisa dikreditkan.
exceptions-refused-unavailable = ⚠️ Xendit tidak dapat dihubungi ({ $code }). Tidak ada yang dikreditkan; coba lagi nanti.
exceptions-refused-other_charge = ⛔ Xendit menjawab tentang pembayaran lain. Tidak ada yang dikreditkan.
exceptions-refused-not_succeeded = ⛔ Xendit tidak menyatakan pembayaran ini berhasil (SUCCEEDED). Tidak ada yang dikreditkan.
exceptions-refused-currency = ⛔ Xendit menerima mata uang lain. Tidak ada yang dikreditkan.
exceptions-refused-amount_changed = ⛔ Jawaban Xendit berubah sejak konfirmasi. Tidak ada yang dikreditkan; buka masalahnya lagi.
exceptions-refused-reason_required = Alasan wajib diisi.
