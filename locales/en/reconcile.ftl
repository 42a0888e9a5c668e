# /reconcile and the daily reconciliation report (English)
cmd-rekonsiliasi = Compare payments with Xendit (admin)
reconcile-started = ⏳ Comparing the payments of { $day } with Xendit…
reconcile-bad-date =
    Date not recognised: { $text }
    Send /reconcile for today, or a date as year-month-day, for example /reconcile { $example }.
reconcile-future-date = { $day } has not come yet. Choose today or an earlier day.
reconcile-report =
    🧾 <b>Reconciliation { $day }</b>
    Payments { $from } – { $to }: { $total }
    { $summary }
    ❔ Cannot be verified (no Xendit charge id): { $unverifiable }
    ⏳ Not checked (Xendit did not answer): { $notChecked }
reconcile-all-matched = ✅ All matched: { $count } { $count ->
        [one] payment
       *[other] payments
    }, { $amount } paid.
reconcile-matched = ✅ Matched: { $count } { $count ->
        [one] payment
       *[other] payments
    }, { $amount } paid.
reconcile-differences = ⚠️ <b>Differences: { $count }</b>
reconcile-difference =
    { $n }. <b>{ $kind }</b> · <code>{ $reference }</code> · { $merchant }
    Here: { $ours } · Xendit: { $theirs }{ $resolved }
reconcile-kind-not_credited = Paid at Xendit, not credited
reconcile-kind-not_paid = Credited, not paid at Xendit
reconcile-kind-amount = Amounts differ
reconcile-resolved = (already handled in /masalah)
reconcile-more = …and { $count } more { $count ->
        [one] difference
       *[other] differences
    }: all of them are in /masalah.
reconcile-open = { $n }. Open in /masalah
