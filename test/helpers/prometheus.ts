/** One sample line of Prometheus' text exposition format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses the text format (version 0.0.4) strictly enough for tests: a line that is neither comment nor sample throws. */
export function parseExposition(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => {
      const match = SAMPLE.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? "").matchAll(LABEL)].map(([, key, value]) => [key!, value!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c))]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The value of the sample with this name and (at least) these labels; undefined when there is none. */
export function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value))?.value;
}

/** GET /metrics of `baseUrl`, parsed; with a bearer token when one is given. */
export async function scrape(baseUrl: string, token?: string): Promise<{ status: number; contentType: string | null; samples: Sample[] }> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get("content-type"), samples: response.status === 200 ? parseExposition(text) : [] };
}
