# /rekonsiliasi and the daily reconciliation report (Bahasa Indonesia)
cmd-rekonsiliasi = Cocokkan pembayaran dengan Xendit (admin)
reconcile-started = ⏳ Mencocokkan pembayaran { $day } dengan Xendit…
reconcile-bad-date =
    Tanggal tidak dikenali: { $text }
    Ketik /rekonsiliasi untuk hari ini, atau tanggal dalam format tahun-bulan-tanggal, misalnya /rekonsiliasi { $example }.
reconcile-future-date = Tanggal { $day } belum tiba. Pilih hari ini atau hari sebelumnya.
reconcile-report =
    🧾 <b>Rekonsiliasi { $day }</b>
    Pembayaran { $from } – { $to }: { $total }
    { $summary }
    ❔ Tidak dapat diverifikasi (tanpa ID charge Xendit): { $unverifiable }
    ⏳ Belum diperiksa (Xendit tidak menjawab): { $notChecked }
reconcile-all-matched = ✅ Semua cocok: { $count } pembayaran, { $amount } dibayar.
reconcile-matched = ✅ Cocok: { $count } pembayaran, { $amount } dibayar.
reconcile-differences = ⚠️ <b>Selisih: { $count }</b>
reconcile-difference =
    { $n }. <b>{ $kind }</b> · <code>{ $reference }</code> · { $merchant }
    Di sini: { $ours } · Xendit: { $theirs }{ $resolved }
reconcile-kind-not_credited = Dibayar di Xendit, belum dikreditkan
reconcile-kind-not_paid = Dikreditkan, tidak dibayar di Xendit
reconcile-kind-amount = Jumlah berbeda
reconcile-resolved = (sudah ditangani di /masalah)
reconcile-more = …dan { $count } selisih lainnya: semuanya ada di /masalah.
reconcile-open = { $n }. Buka di /masalah
