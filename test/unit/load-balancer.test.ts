/**
 * The chaos suites' load balancer (test/helpers/load-balancer.ts) must outlive the instances it fronts: a sender
 * killed mid-request leaves it a cut-off body, and an unhandled rejection there fails the whole run (vitest
 * reports it as an error of whichever file was running).
 */
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterEach, expect, it } from "vitest";
import { LoadBalancer } from "../helpers/load-balancer.js";

let balancer: LoadBalancer | undefined;
let backend: Server | undefined;

afterEach(async () => {
  await balancer?.close();
  await new Promise((resolve) => (backend ? backend.close(resolve) : resolve(undefined)));
});

it("drops a request whose sender hung up mid-body and goes on serving the next", async () => {
  backend = createServer((_req, res) => res.end("served"));
  await new Promise<void>((resolve) => backend!.listen(0, "127.0.0.1", resolve));
  balancer = await LoadBalancer.start(1, { record: true });
  balancer.attach(0, `http://127.0.0.1:${(backend.address() as AddressInfo).port}`);

  const { port } = new URL(balancer.url);
  await new Promise<void>((resolve) => {
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write("POST /bot123/copyMessage HTTP/1.1\r\nhost: tap\r\ncontent-length: 100\r\n\r\n{\"chat_id\":");
      setTimeout(() => socket.destroy(), 20);
    });
    socket.on("close", () => resolve());
  });
  await new Promise((resolve) => setTimeout(resolve, 50));

  const response = await fetch(`${balancer.url}/next`, { method: "POST", body: "{}" });
  expect([response.status, await response.text()]).toEqual([200, "served"]);
  expect(balancer.forwarded.map((call) => call.path)).toEqual(["/next"]);
});
