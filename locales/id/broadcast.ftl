# Announcements as merchants see them (Bahasa Indonesia)
broadcast-mute-button = 🔕 Berhenti terima pengumuman
broadcast-muted =
    🔕 Anda tidak akan menerima pengumuman lagi. Notifikasi pembayaran tetap dikirim.
    Ketik /pengumuman untuk menerimanya kembali.
broadcast-muted-toast = Pengumuman dimatikan.
broadcast-unmuted = 🔔 Anda akan menerima pengumuman lagi.
broadcast-already-on = 🔔 Pengumuman sudah aktif untuk Anda.

cmd-pengumuman = Terima pengumuman lagi
