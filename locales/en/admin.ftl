# Admin commands: /broadcast, /broadcast_cancel, /stats (English)
admin-cancel-button = ✖️ Cancel
admin-broadcast-ask =
    📣 <b>New announcement</b>
    Send the message to broadcast to merchants: text (formatting is kept), a photo with a caption, or a document. Forwarded messages work too.
admin-broadcast-unsupported = Send a text, a photo or a document. Type /batal to cancel.
admin-broadcast-use-buttons = Use the buttons above, or type /batal to cancel.
admin-broadcast-audience = Who should receive it? (Merchants who blocked the bot or turned announcements off are not counted.)
admin-audience-all = All merchants ({ $count })
admin-audience-paid = Topped up before ({ $count })
admin-audience-never_paid = Never topped up ({ $count })
admin-audience-name-all = all merchants
admin-audience-name-paid = merchants who topped up before
admin-audience-name-never_paid = merchants who never topped up
admin-broadcast-preview =
    👆 <b>Preview</b> — this is how the message will look.
    Recipients: <b>{ $count }</b> ({ $audience }).
    Send it now?
admin-broadcast-send = ✅ Send
admin-broadcast-nobody = No merchant is in this group. Nothing was sent.
admin-broadcast-cancelled = Announcement cancelled. Nothing was sent.
admin-broadcast-started = 📣 <b>Announcement #{ $id }</b> is being sent to { $total } merchants.
admin-broadcast-progress =
    📣 <b>Announcement #{ $id }</b> is being sent
    { $bar } { $percent }%
    ✅ Sent: { $sent }
    ⚠️ Failed: { $failed }
    🚫 Blocked the bot: { $blocked }
    ⏳ Remaining: { $remaining }
    Rate: { NUMBER($rate, minimumFractionDigits: 1, maximumFractionDigits: 1) } messages/s · Done in: { $eta }
admin-eta-unknown = estimating…
admin-eta-seconds = about { $seconds } s
admin-eta-minutes = about { $minutes } min
admin-broadcast-title-done = ✅ <b>Announcement #{ $id } finished</b>
admin-broadcast-title-cancelled = 🛑 <b>Announcement #{ $id } cancelled</b>
admin-broadcast-report =
    { $title }
    Recipients: { $total }
    ✅ Sent: { $sent }
    ⚠️ Failed: { $failed }
    🚫 Blocked the bot: { $blocked }
    ⏭ Not sent: { $skipped }
admin-broadcast-cancelling = Announcement #{ $id } stopped. The final report follows.
admin-broadcast-not-running = No announcement is being sent.
admin-broadcast-cancel-toast = Stopped.

admin-stats =
    📊 <b>Statistics</b> — { $now }

    <b>Merchants</b>
    Total: { $total } · Active: { $active } · Blocked the bot: { $blocked } · Announcements off: { $muted }

    <b>Top-ups</b>
    Today: { $today }
    7 days: { $week }
    30 days: { $month }
    Waiting for payment now: { $pendingCount } ({ $pendingAmount })
    Coin Premium outstanding: <b>{ $outstanding }</b>

    <b>Latest announcements</b>
    { $broadcasts }
admin-stats-period = { $started } top-ups, { $amount } paid, success rate { $rate }
admin-stats-no-rate = —
admin-stats-no-broadcasts = No announcements yet.
admin-stats-broadcast = #{ $id } { $date } · { $audience } · { $status }: { $sent }/{ $total } sent, { $failed } failed, { $blocked } blocked
admin-status-running = running
admin-status-done = finished
admin-status-cancelled = cancelled
admin-status-draft = draft

cmd-broadcast = Send an announcement to merchants (admin)
cmd-broadcast_cancel = Stop the running announcement (admin)
cmd-stats = Merchant and top-up statistics (admin)
