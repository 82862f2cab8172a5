import { randomBytes } from 'node:crypto';
import { viewLimitViolations, violationMessages } from '../block-limits.js';
import { SlackApiError, type MethodParams } from '../method-params.js';
import type { SlackState } from '../state.js';
import type { FakeView } from '../types.js';
import { triggerIssuedAt } from '../trigger-ids.js';
import type { MethodHandler } from './method-handler.js';

type ViewDefinition = Record<string, unknown>;

function requireValidView(params: MethodParams, expectedType: 'modal' | 'home'): ViewDefinition {
  const view = params.json('view');
  if (view === null || typeof view !== 'object' || Array.isArray(view)) throw new SlackApiError('invalid_arguments');
  const violations = viewLimitViolations(view, expectedType);
  if (violations.length > 0) {
    throw new SlackApiError('invalid_arguments', { response_metadata: { messages: violationMessages(violations) } });
  }
  return view as ViewDefinition;
}

/** A trigger id may open one view, and only soon after the user's action (when expiry is on). */
function consumeTrigger(state: SlackState, params: MethodParams): string {
  const triggerId = params.string('trigger_id') ?? params.string('interactivity_pointer');
  if (triggerId === undefined) throw new SlackApiError('invalid_arguments');
  if (state.usedTriggerIds.has(triggerId)) throw new SlackApiError('exchanged_trigger_id');
  const issuedAt = triggerIssuedAt(triggerId);
  if (state.triggerExpiryMs !== undefined && issuedAt !== undefined && Date.now() - issuedAt > state.triggerExpiryMs) {
    throw new SlackApiError('expired_trigger_id');
  }
  state.usedTriggerIds.add(triggerId);
  return triggerId;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function newHash(): string {
  return `${Date.now()}.${randomBytes(8).toString('hex')}`;
}

function storeNewView(state: SlackState, definition: ViewDefinition, fields: Pick<FakeView, 'via' | 'trigger_id' | 'user_id'>): FakeView {
  const view: FakeView = {
    id: state.newId('V'),
    type: definition.type === 'home' ? 'home' : 'modal',
    definition,
    callback_id: optionalString(definition.callback_id),
    private_metadata: optionalString(definition.private_metadata),
    external_id: optionalString(definition.external_id),
    hash: newHash(),
    updates: 0,
    ...fields,
  };
  state.views.set(view.id, view);
  return view;
}

function replaceDefinition(state: SlackState, view: FakeView, definition: ViewDefinition): void {
  view.definition = definition;
  view.callback_id = optionalString(definition.callback_id);
  view.private_metadata = optionalString(definition.private_metadata);
  view.external_id = optionalString(definition.external_id) ?? view.external_id;
  view.hash = newHash();
  view.updates += 1;
}

export function viewObject(state: SlackState, view: FakeView): Record<string, unknown> {
  const { definition } = view;
  return {
    id: view.id,
    team_id: state.identity.teamId,
    type: view.type,
    title: definition.title ?? null,
    submit: definition.submit ?? null,
    close: definition.close ?? null,
    blocks: definition.blocks,
    callback_id: view.callback_id ?? '',
    private_metadata: view.private_metadata ?? '',
    external_id: view.external_id ?? '',
    state: { values: {} },
    hash: view.hash,
    clear_on_close: definition.clear_on_close === true,
    notify_on_close: definition.notify_on_close === true,
    root_view_id: view.id,
    previous_view_id: null,
    app_id: state.identity.appId,
    app_installed_team_id: state.identity.teamId,
    bot_id: state.identity.botId,
  };
}

export const viewMethods: Record<string, MethodHandler> = {
  'views.open': ({ state, params }) => {
    const definition = requireValidView(params, 'modal');
    const triggerId = consumeTrigger(state, params);
    const view = storeNewView(state, definition, { via: 'open', trigger_id: triggerId, user_id: undefined });
    return { view: viewObject(state, view) };
  },

  'views.push': ({ state, params }) => {
    const definition = requireValidView(params, 'modal');
    const triggerId = consumeTrigger(state, params);
    const view = storeNewView(state, definition, { via: 'push', trigger_id: triggerId, user_id: undefined });
    return { view: viewObject(state, view) };
  },

  'views.update': ({ state, params }) => {
    const viewId = params.string('view_id');
    const externalId = params.string('external_id');
    if (viewId === undefined && externalId === undefined) throw new SlackApiError('invalid_arguments');
    const view = [...state.views.values()].find((candidate) =>
      viewId !== undefined ? candidate.id === viewId : candidate.external_id === externalId,
    );
    if (view === undefined) throw new SlackApiError('not_found');
    const hash = params.string('hash');
    if (hash !== undefined && hash !== view.hash) throw new SlackApiError('hash_conflict');
    const definition = requireValidView(params, view.type);
    replaceDefinition(state, view, definition);
    return { view: viewObject(state, view) };
  },

  'views.publish': ({ state, params }) => {
    const userId = params.required('user_id');
    if (!state.isKnownUser(userId)) throw new SlackApiError('user_not_found');
    const definition = requireValidView(params, 'home');
    const existing = [...state.views.values()].find((view) => view.type === 'home' && view.user_id === userId);
    if (existing === undefined) {
      const view = storeNewView(state, definition, { via: 'publish', trigger_id: undefined, user_id: userId });
      return { view: viewObject(state, view) };
    }
    const hash = params.string('hash');
    if (hash !== undefined && hash !== existing.hash) throw new SlackApiError('hash_conflict');
    replaceDefinition(state, existing, definition);
    return { view: viewObject(state, existing) };
  },
};

/**
 * A view submission answered with `response_action` `update` or `push`: Slack checks the
 * view as views.update/push would and replaces the submitted view or stacks a new one.
 * Throws SlackApiError (`invalid_arguments` with Slack's messages) when it breaks a limit.
 */
export function applyViewResponse(state: SlackState, action: 'update' | 'push', submittedViewId: string, view: unknown): FakeView {
  const violations = viewLimitViolations(view, 'modal');
  if (violations.length > 0) {
    throw new SlackApiError('invalid_arguments', { response_metadata: { messages: violationMessages(violations) } });
  }
  const definition = view as ViewDefinition;
  const submitted = state.views.get(submittedViewId);
  if (action === 'update' && submitted !== undefined) {
    replaceDefinition(state, submitted, definition);
    return submitted;
  }
  return storeNewView(state, definition, { via: 'push', trigger_id: undefined, user_id: undefined });
}
