/** One Prometheus text-format scrape of `GET /metrics`. */
export async function scrape(port: number | undefined, token?: string): Promise<{ status: number; text: string; contentType: string | null }> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, { ...(token !== undefined && { headers: { authorization: `Bearer ${token}` } }) });
  return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') };
}

/** The value of the sample `name` whose labels include `labels`, summed over the rest; undefined when there is none. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let total: number | undefined;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = new Map([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found.get(key) === value)) total = (total ?? 0) + Number(match[3]);
  }
  return total;
}
