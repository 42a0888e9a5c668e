# History Pembayaran, payment details and invoices (Bahasa Indonesia)
history-title = 🧾 <b>History Pembayaran</b> (halaman { $page }/{ $pages })
history-empty = 🧾 Belum ada pembayaran. Top up Coin Premium pertama Anda sekarang.
history-item =
    <b>{ $number }.</b> { $date }
        { $amount } · { $method } · { $status }
history-button = { $date } · { $amount } · { $status }
history-tap-hint = Ketuk pembayaran untuk melihat detail dan invoice.
history-back = ◀ Kembali
history-detail =
    🧾 <b>Detail pembayaran</b>
    Referensi: <code>{ $reference }</code>
    Nominal: <b>{ $amount }</b>
    Metode: { $method }
    Status: { $status }
    Dibuat: { $created }
history-detail-paid = Dibayar: { $paid }
history-detail-invoice = Invoice: { $number }
history-detail-reason = Alasan: { $reason }
invoice-button = 🧾 Invoice
invoice-caption = Invoice Coin Premium { $number }
invoice-not-found = Invoice tidak ditemukan.

store-current = Nama toko Anda: <b>{ $name }</b>
    Untuk mengganti: <code>/toko Nama Toko Baru</code>
store-none = Nama toko belum diisi. Ketik <code>/toko Nama Toko Anda</code> agar tercantum di invoice.
store-saved = ✅ Nama toko disimpan: <b>{ $name }</b>. Akan tercantum di invoice berikutnya.
store-too-long = Nama toko terlalu panjang (maksimal { $max } karakter). Coba lagi.
cmd-toko = Nama toko untuk invoice
