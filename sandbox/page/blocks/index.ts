/**
 * The sandbox page's Block Kit renderer, in plain DOM: messages and App Home tabs
 * (`renderBlocks`), modals (`renderView`), text (`renderMrkdwn`, `renderPlainText`), and
 * an action as `block_actions` carries it (`toSlackAction`).
 */
export { renderBlocks } from './blocks.js';
export { renderMrkdwn } from './mrkdwn.js';
export { renderPlainText } from './text.js';
export { renderView } from './view.js';
export { toSlackAction } from './slack-action.js';
export type {
  BlockAction,
  ElementState,
  RenderContext,
  RenderedView,
  SelectedOption,
  SlackOption,
  ViewHandlers,
  ViewInput,
  ViewStateValues,
} from './types.js';
