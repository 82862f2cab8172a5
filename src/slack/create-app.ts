import { App, HTTPReceiver, type CustomRoute } from '@slack/bolt';
import type { Environment } from '../config/environment.js';
import type { AppContext } from '../context.js';
import { answerHealth, type HealthReport } from '../health.js';
import { slackLogger } from '../logger.js';
import { answerMetrics } from '../metrics/metrics-endpoint.js';
import { registerActions } from './actions/index.js';
import { registerCommands } from './commands/index.js';
import { registerViews } from './views/index.js';
import { registerShortcuts } from './shortcuts/index.js';
import { registerHomeOpened } from './events/home-opened.js';
import { requesterGate } from './requester-gate.js';

function healthRoute(check: () => Promise<HealthReport>): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => answerHealth(check, res),
  };
}

function metricsRoute(ctx: AppContext, env: Environment): CustomRoute {
  return {
    path: '/metrics',
    method: ['GET'],
    handler: (req, res) => answerMetrics(ctx.metrics, env.metricsToken, ctx.logger, req, res),
  };
}

/**
 * The Bolt app: HTTP mode at `POST /slack/events`, or Socket Mode when an app token is
 * set; `GET /healthz` and `GET /metrics` either way. Every Web API call goes to `SLACK_API_URL`.
 */
export function createSlackApp(ctx: AppContext, env: Environment, check: () => Promise<HealthReport>): App {
  const logger = slackLogger(ctx.logger);
  const customRoutes = [healthRoute(check), metricsRoute(ctx, env)];
  // Bolt's clients (one per request, and the socket client's) log through ours too.
  // A listener's own calls (views.open on a 3-second trigger, respond) are worth a quick retry,
  // never the SDK's default of ten over half an hour, long after the person gave up.
  const retryConfig = { retries: 2, factor: 1, minTimeout: 500, maxTimeout: 1000, maxRetryTime: 2500 };
  const clientOptions = { slackApiUrl: env.slackApiUrl, logger, retryConfig };
  const app = env.slackAppToken
    ? new App({
        token: env.slackBotToken,
        appToken: env.slackAppToken,
        socketMode: true,
        customRoutes,
        // The socket client's own Web API calls (apps.connections.open) go to SLACK_API_URL too.
        installerOptions: { port: env.port, clientOptions: { ...clientOptions } },
        clientOptions,
        logger,
        convoStore: false,
      })
    : new App({
        token: env.slackBotToken,
        receiver: new HTTPReceiver({
          signingSecret: env.slackSigningSecret ?? '',
          endpoints: '/slack/events',
          customRoutes,
          logger,
          // Answer Slack as soon as a listener acknowledges; work continues afterwards.
          processBeforeResponse: false,
        }),
        clientOptions,
        logger,
        // Anthill keeps no conversation state in Bolt; skipping the store saves work on every request.
        convoStore: false,
      });
  // Before any listener: guests, other organisations and unknown accounts are refused here.
  app.use(requesterGate(ctx));
  registerCommands(app, ctx);
  registerActions(app, ctx);
  registerViews(app, ctx);
  registerShortcuts(app, ctx);
  registerHomeOpened(app, ctx);
  app.error(async (error) => {
    ctx.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  return app;
}
