import { runWebhookBench } from "/work/main/bench/webhook.js";
const n = Number(process.argv[2] ?? 20000);
const t = Date.now();
console.log(JSON.stringify(await runWebhookBench({ callbacks: n, warmup: 1000 }), null, 1));
console.log("total", Date.now() - t);
