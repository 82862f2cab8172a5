import type { MethodParams } from '../method-params.js';
import type { SlackState } from '../state.js';

export interface MethodContext {
  state: SlackState;
  params: MethodParams;
  /** Origin of the fake, e.g. `http://127.0.0.1:4321`, for URLs it hands out (file uploads). */
  origin: string;
}

/** Runs one Web API method: returns the fields of an `ok: true` answer or throws SlackApiError. */
export type MethodHandler = (context: MethodContext) => Record<string, unknown>;
