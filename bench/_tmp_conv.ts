import { runConversationBench } from "./conversation.js";
console.log(JSON.stringify(await runConversationBench({ conversations: 200, warmup: 20 }), null, 1));
