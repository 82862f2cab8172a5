import type { ApiRefusal, SandboxState } from './sandbox-api.js';

/** A request the sandbox refused, with its own friendly message. */
export class RefusedRequest extends Error {}

/** POSTs JSON to the sandbox's API; a refusal becomes a RefusedRequest with the server's message. */
export async function postApi<T = Record<string, never>>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json().catch(() => ({ error: `The sandbox answered HTTP ${response.status}.` }))) as T | ApiRefusal;
  if (!response.ok) throw new RefusedRequest((answer as ApiRefusal).error);
  return answer as T;
}

export async function fetchState(): Promise<SandboxState> {
  const response = await fetch('/api/state');
  return (await response.json()) as SandboxState;
}

/** Calls `onChange` whenever the sandbox's state moves on; EventSource reconnects by itself. */
export function followChanges(onChange: () => void): void {
  const events = new EventSource('/api/events');
  events.addEventListener('change', () => onChange());
}

export async function fetchFileText(fileId: string): Promise<string> {
  const response = await fetch(`/api/files/${encodeURIComponent(fileId)}`);
  if (!response.ok) throw new RefusedRequest('That file is not in the sandbox any more.');
  return response.text();
}
