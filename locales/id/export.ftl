# Admin command /ekspor (en: /export): the month as a CSV document (Bahasa Indonesia)
export-usage =
    Ketik /ekspor diikuti bulannya (tahun-bulan, waktu WIB), misalnya: /ekspor { $example }
    Atau pilih bulannya:
export-bad-month =
    “{ $input }” bukan bulan yang dikenali. Tulis tahun-bulan, misalnya: /ekspor { $example }
    Atau pilih bulannya:
export-future-month =
    Bulan { $month } belum dimulai (WIB). Pilih bulan lain, misalnya:
export-empty = Tidak ada top up maupun koreksi saldo pada bulan { $month } (WIB). Tidak ada file yang dikirim.
export-caption =
    📄 Ekspor Coin Premium { $month } (bulan WIB), data per { $now }
    Top up: { $count } — ✅ berhasil { $succeeded } · ❌ gagal { $failed } · ⌛ kedaluwarsa { $expired } · ⏳ belum selesai { $open }
    Dibayar (berhasil): { $paid }
    Koreksi: kredit { $credit } ({ $credits }) · debit { $debit } ({ $debits }) · bersih { $net }

cmd-ekspor = Ekspor top up dan koreksi sebulan ke CSV (admin)
