/**
 * `npm run sandbox [-- --language pl|sv|ru|en --port N]`: Anthill in the browser, without a
 * Slack workspace. Services (PostgreSQL, Redis), the demo policy, the fake Slack with the
 * demo people, the real bot and the page; everything is stopped again on Ctrl+C.
 */
import { parseArgs } from 'node:util';
import { LANGUAGES, type Language } from '../src/config/policy-schema.js';
import { demoWorkspace } from './demo-workspace.js';
import { dropRunDatabase, runDatabaseUrl } from './run-data.js';
import { startSandbox, type RunningSandbox } from './sandbox.js';
import { startServices, type Services } from './services.js';

/** The page's port unless `--port` says otherwise (the bot itself listens on a free one). */
const DEFAULT_PORT = 3030;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Runs one step of stopping; a failure is said in one line and the next step still runs. */
async function attempt(what: string, step: () => Promise<unknown> | undefined): Promise<void> {
  try {
    await step();
  } catch (error) {
    say(`Could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface Choices {
  language: Language;
  port: number;
}

/** The command line, or a one-line explanation of what is wrong with it. */
function readChoices(args: string[]): Choices {
  const { values } = parseArgs({ args, options: { language: { type: 'string', default: 'en' }, port: { type: 'string', default: String(DEFAULT_PORT) } } });
  const language = values.language as Language;
  if (!LANGUAGES.includes(language)) throw new Error(`--language must be one of ${LANGUAGES.join(', ')}, not "${values.language}"`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number (0-65535), not "${values.port}"`);
  return { language, port };
}

async function main(): Promise<void> {
  const choices = readChoices(process.argv.slice(2));
  const services: Services = await startServices({ databaseUrl: process.env.DATABASE_URL, redisUrl: process.env.REDIS_URL });
  // A database of this run's own: the fake Slack starts empty each time, so must the cases.
  const databaseUrl = runDatabaseUrl(services.databaseUrl);
  let sandbox: RunningSandbox | undefined;
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say('\nStopping the sandbox…');
    // Each step is tried even when one before failed, so the private servers always go.
    await attempt('stop the bot and the page', () => sandbox?.stop());
    // Also after a failed start: the bot may have created the database before it failed.
    await attempt("remove the sandbox's database", () => dropRunDatabase(databaseUrl));
    await attempt('stop PostgreSQL and Redis', () => services.stop());
  };
  process.on('SIGINT', () => void stop().then(() => process.exit(0), () => process.exit(1)));
  process.on('SIGTERM', () => void stop().then(() => process.exit(0), () => process.exit(1)));
  try {
    for (const note of services.notes) say(note);
    const workspace = demoWorkspace(choices.language);
    sandbox = await startSandbox({ databaseUrl, redisUrl: services.redisUrl, port: choices.port, ...workspace });
    say('');
    say(`Anthill sandbox is running: open ${sandbox.url}`);
    say(`Team language: ${choices.language}. People: ${workspace.people.map((person) => `${person.name} (${person.role})`).join(', ')}.`);
    say('Switch people with "Act as" at the top right. Ctrl+C stops everything.');
  } catch (error) {
    await stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  // One line: what went wrong, and (from startServices) what to install.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`anthill sandbox: ${message.replace(/\s+/g, ' ')}\n`);
  process.exit(1);
});
