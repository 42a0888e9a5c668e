# Alerts to the admins (monitoring without Prometheus)
alert-outbox-stale =
    🚨 <b>Notifications delayed</b>
    The oldest notification in the queue has not been sent for { $minutes } minutes ({ $pending } waiting). Check the bot's connection to Telegram and the server logs.
alert-outbox-stale-ended = ✅ <b>Notifications flowing again</b>: none has been waiting for more than 5 minutes.
alert-callbacks-failing =
    🚨 <b>Xendit callbacks not recorded</b>
    Since { $since } payment callbacks could not be saved (answered 5xx, Xendit sends them again). Check the database and the server logs.
alert-callbacks-failing-ended = ✅ <b>Xendit callbacks recorded again</b>: the latest callback was saved.
