# Admin command /ekspor (en: /export): the month as a CSV document (English)
export-usage =
    Type /export followed by the month (year-month, Jakarta time), for example: /export { $example }
    Or choose the month:
export-bad-month =
    “{ $input }” is not a month I know. Write year-month, for example: /export { $example }
    Or choose the month:
export-future-month =
    { $month } has not started yet (Jakarta time). Choose another month, for example:
export-empty = No top-ups and no balance adjustments in { $month } (Jakarta time). No file was sent.
export-caption =
    📄 Coin Premium export { $month } (Jakarta month), as of { $now }
    Top-ups: { $count } — ✅ succeeded { $succeeded } · ❌ failed { $failed } · ⌛ expired { $expired } · ⏳ not finished { $open }
    Paid (succeeded): { $paid }
    Adjustments: credit { $credit } ({ $credits }) · debit { $debit } ({ $debits }) · net { $net }

cmd-ekspor = Export a month's top-ups and adjustments as CSV (admin)
