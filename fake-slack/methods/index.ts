import { chatMethods } from './chat.js';
import { conversationMethods } from './conversations.js';
import { fileMethods } from './files.js';
import type { MethodHandler } from './method-handler.js';
import { viewMethods } from './views.js';
import { workspaceMethods } from './workspace.js';

/** Every Web API method the fake implements; anything else answers `unknown_method`. */
export const webApiMethods: ReadonlyMap<string, MethodHandler> = new Map(
  Object.entries({ ...workspaceMethods, ...conversationMethods, ...chatMethods, ...viewMethods, ...fileMethods }),
);
