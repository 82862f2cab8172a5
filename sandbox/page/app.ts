/**
 * The sandbox page: a small Slack client for the demo workspace. It draws the state the
 * sandbox's server holds (the fake Slack's channels, messages, views and files) for the
 * person chosen in "Act as", and turns what that person does into the server's API calls,
 * which become signed Slack requests to the bot. Block Kit is drawn by ./blocks.
 */
import './blocks/blocks.css';
import './shell.css';
import { renderBlocks, renderMrkdwn, renderView, toSlackAction, type BlockAction, type RenderContext, type RenderedView } from './blocks/index.js';
import { parse as parseCsv } from 'csv-parse/browser/esm/sync';
import { h } from './blocks/dom.js';
import { fetchFileText, fetchState, followChanges, postApi, RefusedRequest } from './api-client.js';
import type { ActionRequest, SandboxChannel, SandboxFileRef, SandboxMessage, SandboxState, SandboxView, SubmitAnswer } from './sandbox-api.js';

/** What is open in the main pane: a channel or DM by id, or the App Home. */
type Place = { kind: 'conversation'; id: string } | { kind: 'home' };

interface PageState {
  data: SandboxState | undefined;
  actAs: string;
  place: Place;
  /** The modal on screen, kept across refreshes so typed values survive them while its view is unchanged. */
  modal: { viewId: string; hash: string } | undefined;
  /** Problems the person has already dismissed, by time. */
  seenProblems: number;
  /** How many messages of each conversation were on screen, so the sidebar can mark new ones. */
  seenMessages: Map<string, number>;
}

/** Until the first state arrives the page shows nothing; then the first channel (the team's). */
const page: PageState = { data: undefined, actAs: '', place: { kind: 'conversation', id: '' }, modal: undefined, seenProblems: 0, seenMessages: new Map() };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  return h(document, tag, className, ...children);
}

function button(label: string, className: string, onClick: () => void): HTMLButtonElement {
  const element = el('button', className, label);
  element.type = 'button';
  element.addEventListener('click', onClick);
  return element;
}

// --- The frame, built once ---

/** Says what acting as the chosen person shows (their `about`), else what the page is. */
const topbarHint = el('span', 'sb-topbar-hint', 'A local Slack: the real bot, no workspace needed');
const actAsSelect = el('select', 'sb-act-as');
actAsSelect.id = 'act-as';
actAsSelect.setAttribute('aria-label', 'Act as');
const shortcutMenu = el('div', 'sb-menu sb-shortcut-menu');
shortcutMenu.hidden = true;
const lightning = button('⚡ Shortcuts', 'sb-lightning', () => (shortcutMenu.hidden = !shortcutMenu.hidden));
lightning.setAttribute('aria-label', 'Shortcuts');
shortcutMenu.append(
  button('New complaint', 'sb-menu-item', () => {
    shortcutMenu.hidden = true;
    void act(() => postApi('/api/shortcut', { userId: page.actAs, kind: 'global' }));
  }),
);
const problemsBar = el('div', 'sb-problems');
problemsBar.setAttribute('role', 'alert');
problemsBar.hidden = true;
const toast = el('div', 'sb-toast');
toast.setAttribute('role', 'status');
toast.hidden = true;
const sidebar = el('nav', 'sb-sidebar');
const header = el('header', 'sb-pane-header');
const messagesPane = el('div', 'sb-messages');
const composerInput = el('input', 'sb-composer-input');
composerInput.id = 'composer';
composerInput.autocomplete = 'off';
const composer = el('form', 'sb-composer', composerInput, el('button', 'sb-send', 'Send'));
const modalHost = el('div', 'sb-modal-host');
modalHost.hidden = true;
const fileViewer = el('div', 'sb-file-viewer');
fileViewer.hidden = true;

document.body.append(
  el(
    'div',
    'sb-app',
    el('div', 'sb-topbar', el('span', 'sb-brand', '🐜 Anthill sandbox'), topbarHint, el('div', 'sb-topbar-tools', lightning, shortcutMenu, el('label', 'sb-act-as-label', 'Act as ', actAsSelect))),
    problemsBar,
    el('div', 'sb-body', sidebar, el('main', 'sb-pane', header, messagesPane, composer)),
  ),
  modalHost,
  fileViewer,
  toast,
);

actAsSelect.addEventListener('change', () => {
  page.actAs = actAsSelect.value;
  page.modal = undefined;
  goTo(placeAfterSwitching(page.place, page.data));
});
composer.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = composerInput.value;
  if (page.place.kind !== 'conversation' || text.trim() === '') return;
  const channelId = page.place.id;
  composerInput.value = '';
  void act(() => postApi('/api/post', { userId: page.actAs, channelId, text }));
});
// Escape or a click beside the window closes the file viewer.
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') fileViewer.hidden = true;
});
fileViewer.addEventListener('click', (event) => {
  if (event.target === fileViewer) fileViewer.hidden = true;
});

// A channel mention opens the channel, as in Slack.
messagesPane.addEventListener('click', (event) => {
  const mention = event.target instanceof Element ? event.target.closest<HTMLElement>('.bk-mention-channel') : null;
  const channelId = mention?.dataset['id'];
  if (channelId !== undefined && page.data?.channels.some((channel) => channel.id === channelId)) goTo({ kind: 'conversation', id: channelId });
});
document.addEventListener('click', (event) => {
  if (!(event.target instanceof Node) || lightning.contains(event.target) || shortcutMenu.contains(event.target)) return;
  shortcutMenu.hidden = true;
});

// --- Talking to the sandbox ---

let toastTimer: ReturnType<typeof setTimeout> | undefined;

function say(text: string): void {
  toast.textContent = text;
  toast.hidden = false;
  if (toastTimer !== undefined) clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (toast.hidden = true), 6000);
}

/** Runs a request; a refusal is shown to the person instead of failing silently. */
async function act<T>(request: () => Promise<T>): Promise<T | undefined> {
  try {
    return await request();
  } catch (error) {
    say(error instanceof RefusedRequest ? error.message : `The sandbox could not be reached: ${String(error)}`);
    return undefined;
  }
}

let refreshing = false;
let refreshAgain = false;

/** Reads the state again; changes arriving meanwhile lead to one more read, not one each. */
async function refresh(): Promise<void> {
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = true;
  try {
    do {
      refreshAgain = false;
      page.data = await fetchState();
      draw();
    } while (refreshAgain);
  } finally {
    refreshing = false;
  }
}

// --- Names ---

function userName(id: string): string | undefined {
  const data = page.data;
  if (data === undefined) return undefined;
  if (id === data.botUserId) return data.botName;
  return data.people.find((person) => person.id === id)?.name;
}

function channelName(id: string): string | undefined {
  return page.data?.channels.find((channel) => channel.id === id)?.name;
}

function renderContext(onAction: (action: BlockAction) => void): RenderContext {
  return {
    userName,
    channelName,
    onAction,
    users: () => (page.data?.people ?? []).map((person) => ({ id: person.id, name: person.name })),
  };
}

function sendAction(action: BlockAction, where: Omit<ActionRequest, 'userId' | 'action'>): void {
  const slackAction = toSlackAction(action, (Date.now() / 1000).toFixed(6)) as ActionRequest['action'];
  void act(() => postApi('/api/action', { userId: page.actAs, action: slackAction, ...where }));
}

// --- Drawing ---

function draw(): void {
  const data = page.data;
  if (data === undefined) return;
  if (page.actAs === '' || !data.people.some((person) => person.id === page.actAs)) page.actAs = data.people[0]?.id ?? '';
  if (page.place.kind === 'conversation' && page.place.id === '') page.place = { kind: 'conversation', id: data.channels[0]?.id ?? '' };
  drawActAs(data);
  drawProblems(data);
  if (page.place.kind === 'home') drawHome(data);
  else drawConversation(data, page.place.id);
  drawSidebar(data);
  drawModal(data);
}

function drawActAs(data: SandboxState): void {
  if (actAsSelect.options.length !== data.people.length) {
    actAsSelect.replaceChildren(...data.people.map((person) => {
      const option = el('option', undefined, `${person.name} (${person.role})`);
      option.value = person.id;
      return option;
    }));
  }
  actAsSelect.value = page.actAs;
  const about = data.people.find((person) => person.id === page.actAs)?.about;
  if (about !== undefined) topbarHint.textContent = about;
}

function drawProblems(data: SandboxState): void {
  const fresh = data.problems.filter((problem) => problem.at > page.seenProblems);
  problemsBar.hidden = fresh.length === 0;
  if (fresh.length === 0) return;
  const items = fresh.map((problem) =>
    el('li', undefined, el('code', undefined, problem.method), ` was refused by Slack: `, el('code', undefined, problem.error), problem.messages.length > 0 ? ` (${problem.messages.join('; ')})` : ''),
  );
  problemsBar.replaceChildren(
    el('strong', undefined, 'The bot did something a real Slack refuses:'),
    el('ul', undefined, ...items),
    button('Dismiss', 'sb-dismiss', () => {
      page.seenProblems = Math.max(...fresh.map((problem) => problem.at));
      draw();
    }),
  );
}

function isMember(channel: SandboxChannel): boolean {
  return channel.members.includes(page.actAs);
}

/** The sidebar's order: the channels set up first, then the case channels, each by name. */
function channelsInOrder(data: SandboxState): SandboxChannel[] {
  return [...data.channels].sort((a, b) => Number(a.createdByBot) - Number(b.createdByBot) || a.name.localeCompare(b.name));
}

function drawSidebar(data: SandboxState): void {
  const entry = (label: string, place: Place, extra: { className?: string; title?: string; name: string }) => {
    const selected = page.place.kind === place.kind && (place.kind === 'home' || (page.place.kind === 'conversation' && page.place.id === place.id));
    const unread = place.kind === 'conversation' && !selected && (data.messages[place.id]?.length ?? 0) > (page.seenMessages.get(place.id) ?? 0);
    const item = button(label, `sb-sidebar-item ${extra.className ?? ''}${selected ? ' sb-selected' : ''}${unread ? ' sb-unread' : ''}`, () => goTo(place));
    item.dataset['conversation'] = extra.name;
    if (extra.title !== undefined) item.title = extra.title;
    return item;
  };
  const channels = channelsInOrder(data);
  const dm = data.dms.find((conversation) => conversation.users.includes(page.actAs));
  sidebar.replaceChildren(
    el('div', 'sb-sidebar-title', 'Apps'),
    entry(`🏠 ${data.botName} (Home)`, { kind: 'home' }, { name: 'home' }),
    el('div', 'sb-sidebar-title', 'Channels'),
    ...channels.map((channel) =>
      entry(`${channel.isPrivate ? '🔒' : '#'} ${channel.name}${channel.isArchived ? ' (archived)' : ''}`, { kind: 'conversation', id: channel.id }, {
        name: channel.name,
        className: `${channel.isArchived ? 'sb-archived' : ''} ${isMember(channel) ? '' : 'sb-not-member'}`,
        title: channel.isArchived ? 'Archived: read only' : isMember(channel) ? channel.topic : 'You are not a member of this channel',
      }),
    ),
    el('div', 'sb-sidebar-title', 'Direct messages'),
    dm === undefined
      ? el('div', 'sb-sidebar-empty', `No messages from ${data.botName} yet`)
      : entry(`💬 ${data.botName}`, { kind: 'conversation', id: dm.id }, { name: 'dm' }),
  );
}

/** Where the page goes when another person is acted as: never into someone else's DM with the bot, but to their own, or the first channel. */
function placeAfterSwitching(place: Place, data: SandboxState | undefined): Place {
  if (place.kind !== 'conversation' || data === undefined) return place;
  const viewedDm = data.dms.find((dm) => dm.id === place.id);
  if (viewedDm === undefined || viewedDm.users.includes(page.actAs)) return place;
  const own = data.dms.find((dm) => dm.users.includes(page.actAs));
  const first = channelsInOrder(data)[0];
  if (own !== undefined) return { kind: 'conversation', id: own.id };
  return first === undefined ? { kind: 'home' } : { kind: 'conversation', id: first.id };
}

function goTo(place: Place): void {
  page.place = place;
  draw();
  if (place.kind === 'home') void act(() => postApi('/api/home', { userId: page.actAs }));
}

function timeOf(ts: string): string {
  return new Date(Number(ts.split('.')[0]) * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** Keeps the list scrolled to the newest message unless the person scrolled up to read. */
function keepScrolled(redraw: () => void): void {
  const atBottom = messagesPane.scrollHeight - messagesPane.scrollTop - messagesPane.clientHeight < 40;
  const top = messagesPane.scrollTop;
  redraw();
  messagesPane.scrollTop = atBottom ? messagesPane.scrollHeight : top;
}

function drawConversation(data: SandboxState, conversationId: string): void {
  const channel = data.channels.find((candidate) => candidate.id === conversationId);
  const title = channel === undefined ? `💬 ${data.botName}` : `${channel.isPrivate ? '🔒' : '#'} ${channel.name}`;
  header.replaceChildren(el('h1', 'sb-pane-title', title), el('span', 'sb-pane-topic', channel?.topic ?? 'Direct messages with the app'));
  if (channel?.isArchived === true) header.append(el('span', 'sb-archived-badge', 'Archived'));
  composer.hidden = channel?.isArchived === true;
  composerInput.placeholder = channel === undefined ? 'Type /complaint … to use the app here' : `Message #${channel.name}, or type /complaint …`;

  const messages = data.messages[conversationId] ?? [];
  page.seenMessages.set(conversationId, messages.length);
  const ephemerals = data.ephemerals.filter((ephemeral) => ephemeral.channel === conversationId && ephemeral.user === page.actAs);
  const rows: { ts: string; node: HTMLElement }[] = [
    ...messages.filter((message) => message.threadTs === undefined || message.threadTs === message.ts).map((message) => ({
      ts: message.ts,
      node: drawMessage(conversationId, message, messages.filter((reply) => reply.threadTs === message.ts && reply.ts !== message.ts)),
    })),
    ...ephemerals.map((ephemeral) => ({
      ts: ephemeral.messageTs,
      node: drawMessageBody(
        conversationId,
        { ts: ephemeral.messageTs, user: data.botUserId, text: ephemeral.text, blocks: ephemeral.blocks, threadTs: undefined, edits: 0, files: [] },
        { ephemeral: true },
      ),
    })),
  ].sort((a, b) => Number(a.ts) - Number(b.ts));
  keepScrolled(() => {
    messagesPane.replaceChildren(...(rows.length === 0 ? [el('p', 'sb-empty', 'No messages here yet.')] : rows.map((row) => row.node)));
  });
}

function drawMessage(conversationId: string, message: SandboxMessage, replies: SandboxMessage[]): HTMLElement {
  const node = drawMessageBody(conversationId, message, { ephemeral: false });
  if (replies.length > 0) {
    node.append(el('div', 'sb-thread', el('div', 'sb-thread-count', `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`), ...replies.map((reply) => drawMessageBody(conversationId, reply, { ephemeral: false }))));
  }
  return node;
}

function drawMessageBody(conversationId: string, message: SandboxMessage, options: { ephemeral: boolean }): HTMLElement {
  const onAction = (action: BlockAction) => sendAction(action, { channelId: conversationId, messageTs: message.ts, isEphemeral: options.ephemeral });
  const ctx = renderContext(onAction);
  const author = userName(message.user) ?? message.user;
  const isBot = message.user === page.data?.botUserId;
  const meta = el('div', 'sb-message-meta', el('span', 'sb-author', author), isBot ? el('span', 'sb-app-badge', 'APP') : '', el('span', 'sb-time', timeOf(message.ts)));
  if (message.edits > 0) meta.append(el('span', 'sb-edited', '(edited)'));
  const content = message.blocks !== undefined && message.blocks.length > 0
    ? renderBlocks(message.blocks, ctx)
    : el('div', 'bk sb-message-text', renderMrkdwn(message.text, ctx));
  const node = el('article', `sb-message${options.ephemeral ? ' sb-ephemeral' : ''}`, el('div', 'sb-avatar', author.slice(0, 1).toUpperCase()), el('div', 'sb-message-main', meta, content));
  node.dataset['ts'] = message.ts;
  const main = node.lastElementChild as HTMLElement;
  for (const file of message.files) {
    main.append(button(`📄 ${file.title || file.name}`, 'sb-file', () => void openFile(file)));
  }
  if (options.ephemeral) main.append(el('div', 'sb-ephemeral-note', '👁 Only visible to you'));
  else node.append(messageMenu(conversationId, message));
  return node;
}

/** The hover menu of a message: "More actions" with the app's message shortcut. */
function messageMenu(conversationId: string, message: SandboxMessage): HTMLElement {
  const menu = el('div', 'sb-menu sb-message-menu');
  menu.hidden = true;
  menu.append(
    button('Open a complaint', 'sb-menu-item', () => {
      menu.hidden = true;
      void act(() => postApi('/api/shortcut', { userId: page.actAs, kind: 'message', channelId: conversationId, messageTs: message.ts }));
    }),
  );
  const more = button('⋮', 'sb-more', () => (menu.hidden = !menu.hidden));
  more.setAttribute('aria-label', 'More actions');
  return el('div', 'sb-hover-tools', more, menu);
}

function drawHome(data: SandboxState): void {
  header.replaceChildren(el('h1', 'sb-pane-title', `🏠 ${data.botName}`), el('span', 'sb-pane-topic', 'App Home'));
  composer.hidden = true;
  const home = data.homes[page.actAs];
  if (home === undefined) {
    messagesPane.replaceChildren(el('p', 'sb-empty', `${data.botName} has not drawn a Home for you yet.`));
    return;
  }
  const ctx = renderContext((action) => sendAction(action, { viewId: home.id }));
  messagesPane.replaceChildren(el('div', 'sb-home', renderBlocks((home.definition.blocks as unknown[] | undefined) ?? [], ctx)));
}

function drawModal(data: SandboxState): void {
  const stack = data.modals[page.actAs] ?? [];
  const top = stack[stack.length - 1];
  if (top === undefined) {
    page.modal = undefined;
    modalHost.hidden = true;
    modalHost.replaceChildren();
    return;
  }
  if (page.modal !== undefined && page.modal.viewId === top.id && page.modal.hash === top.hash) return;
  const rendered = showView(top);
  page.modal = { viewId: top.id, hash: top.hash };
  modalHost.replaceChildren(el('div', 'sb-modal-backdrop', rendered.element));
  modalHost.hidden = false;
}

function showView(view: SandboxView): RenderedView {
  const userId = page.actAs;
  const ctx = renderContext((action) => sendAction(action, { viewId: view.id }));
  const definition = view.definition as unknown as Parameters<typeof renderView>[0];
  const rendered: RenderedView = renderView(definition, ctx, {
    onSubmit: () => {
      void act(async () => {
        const answer = await postApi<SubmitAnswer>('/api/submit', { userId, viewId: view.id, values: rendered.values() });
        if (answer.errors !== undefined) rendered.showErrors(answer.errors);
      });
    },
    onClose: () => void act(() => postApi('/api/close', { userId, viewId: view.id })),
  });
  return rendered;
}

async function openFile(file: SandboxFileRef): Promise<void> {
  const text = await act(() => fetchFileText(file.id));
  const title = file.title || file.name;
  if (text === undefined) return;
  const download = el('a', 'sb-download', 'Download');
  download.href = `/api/files/${encodeURIComponent(file.id)}`;
  download.download = file.name;
  const body = /\.csv$/i.test(file.name) ? csvTable(text) : el('pre', 'sb-file-text', text);
  fileViewer.replaceChildren(
    el('div', 'sb-file-window', el('div', 'sb-file-header', el('h2', undefined, title), download, button('Close', 'sb-file-close', () => (fileViewer.hidden = true))), body),
  );
  fileViewer.hidden = false;
}

/** A CSV export as a table (first row as headings), or as text when it does not parse. */
function csvTable(text: string): HTMLElement {
  let rows: string[][];
  try {
    rows = parseCsv(text, { bom: true, relax_column_count: true }) as string[][];
  } catch {
    return el('pre', 'sb-file-text', text);
  }
  const [head = [], ...rest] = rows;
  const table = el(
    'table',
    'sb-file-table',
    el('thead', undefined, el('tr', undefined, ...head.map((cell) => el('th', undefined, cell)))),
    el('tbody', undefined, ...rest.map((row) => el('tr', undefined, ...row.map((cell) => el('td', undefined, cell))))),
  );
  return el('div', 'sb-file-scroll', table);
}

followChanges(() => void refresh());
void refresh();
