/**
 * The sandbox page's Block Kit renderer: messages (`renderBlocks`), modals and App Home
 * (`renderView`) and text (`renderMrkdwn`, `renderPlainText`), in plain DOM.
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
