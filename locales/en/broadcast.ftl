# Announcements as merchants see them (English)
broadcast-mute-button = 🔕 Stop announcements
broadcast-muted =
    🔕 You will not receive announcements any more. Payment notifications still come.
    Type /pengumuman to receive them again.
broadcast-muted-toast = Announcements turned off.
broadcast-unmuted = 🔔 You will receive announcements again.
broadcast-already-on = 🔔 Announcements are already on for you.

cmd-pengumuman = Receive announcements again
