import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseCardBlocks } from '../../../src/blocks/case-card.js';
import { INTAKE_FIELDS, intakeModal, parseIntakeSubmission } from '../../../src/blocks/intake-modal.js';
import { checklist, playbookVersion } from '../../../src/domain/playbook.js';
import { createWords } from '../../../src/i18n/words.js';
import { ATTACK, NOW, makeCase } from '../../blocks/fixtures.js';
import { CHANNELS, PEOPLE } from './context.js';

/**
 * The renderer bundled by esbuild as the sandbox bundles it and run in real Chromium:
 * what happy-dom cannot vouch for (the bundle itself, a real <select>, real clicks on a
 * confirm dialog, the stylesheet applying) is checked where it will run.
 */
const BLOCKS_DIR = new URL('../../../sandbox/page/blocks/', import.meta.url).pathname;
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Renders what the test hands it into the page and records the actions and submissions. */
const ENTRY = `
import { renderBlocks, renderView } from './index.ts';
const ctx = {
  userName: (id) => PEOPLE[id],
  channelName: (id) => CHANNELS[id],
  users: () => Object.entries(PEOPLE).map(([id, name]) => ({ id, name })),
  onAction: (action) => window.recorded.push(action),
};
window.recorded = [];
window.showMessage = (blocks) => document.querySelector('#messages').append(renderBlocks(blocks, ctx));
window.showModal = (view) => {
  const shown = renderView(view, ctx, { onSubmit: () => window.recorded.push({ submitted: shown.values() }) });
  window.modal = shown;
  document.querySelector('#modal').append(shown.element);
};
`;

const words = createWords({ language: 'en', timeZone: 'Europe/Warsaw', currency: 'PLN' });
const CATEGORIES = [{ id: 'delivery', name: 'Late or damaged delivery' }];
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    stdin: { contents: ENTRY, resolveDir: BLOCKS_DIR, loader: 'ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    define: { PEOPLE: JSON.stringify(PEOPLE), CHANNELS: JSON.stringify(CHANNELS) },
    write: false,
  });
  const css = await readFile(`${BLOCKS_DIR}blocks.css`, 'utf8');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage();
  // Well inside the test's own timeout, so a missing element fails with Playwright's message.
  page.setDefaultTimeout(5_000);
  await page.setContent(`<!doctype html><html><head><style>${css}</style></head><body><div id="messages"></div><div id="modal"></div></body></html>`);
  await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('the renderer in Chromium', () => {
  it('draws the case card with the stylesheet, names and emoji, and sends real clicks and choices', async () => {
    const c = makeCase({ ownerId: 'U0ALICE01', summary: ATTACK });
    const steps = ['Thank the customer', 'Apologise'];
    await page.evaluate((blocks) => (window as unknown as { showMessage(b: unknown): void }).showMessage(blocks), caseCardBlocks(words, {
      case: c,
      categoryName: 'Late or damaged delivery',
      now: NOW,
      playbook: { version: playbookVersion(steps), steps: checklist(steps, []) },
    }) as unknown);

    const header = page.locator('#messages .bk-header');
    await expect(header.textContent()).resolves.toBe('Complaint #42');
    await expect(header.evaluate((el) => getComputedStyle(el).fontWeight)).resolves.toBe('900');
    await expect(page.locator('#messages').textContent()).resolves.toContain('<!channel> hi <@U123>');
    await expect(page.locator('#messages script, #messages img').count()).resolves.toBe(0);
    const links = await page.locator('#messages a').evaluateAll((anchors) => anchors.map((a) => [a.getAttribute('href'), a.textContent]));
    expect(links).toEqual([['https://evil', 'https://evil']]);
    await expect(page.locator('#messages .bk-mention-user').first().textContent()).resolves.toBe('@Alice');

    await page.locator('button[data-action-id="case_take"]').click();
    await page.locator('select[data-action-id="case_severity"]').selectOption(`${c.id}:low`);
    await page.getByText('Apologise').click();
    const recorded = await page.evaluate(() => (window as unknown as { recorded: unknown[] }).recorded);
    expect(recorded).toMatchObject([
      { type: 'button', actionId: 'case_take', value: c.id },
      { type: 'static_select', actionId: 'case_severity', selectedOption: { value: `${c.id}:low` } },
      { type: 'checkboxes', selectedOptions: [{ text: 'Apologise', value: '1' }] },
    ]);
  });

  it('asks before a button with confirm, and sends only once confirmed', async () => {
    await page.evaluate(() => {
      (window as unknown as { recorded: unknown[] }).recorded = [];
      (window as unknown as { showMessage(b: unknown): void }).showMessage([
        {
          type: 'actions',
          block_id: 'danger',
          elements: [
            {
              type: 'button',
              action_id: 'delete',
              style: 'danger',
              text: { type: 'plain_text', text: 'Delete' },
              confirm: { title: { type: 'plain_text', text: 'Delete?' }, text: { type: 'mrkdwn', text: 'It is *gone* after this.' }, confirm: { type: 'plain_text', text: 'Delete it' }, deny: { type: 'plain_text', text: 'Keep it' } },
            },
          ],
        },
      ]);
    });
    await page.locator('button[data-action-id="delete"]').click();
    await expect(page.locator('.bk-confirm').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Keep it' }).click();
    await page.locator('button[data-action-id="delete"]').click();
    await page.getByRole('button', { name: 'Delete it' }).click();
    await expect(page.locator('.bk-confirm').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { recorded: unknown[] }).recorded)).resolves.toEqual([{ actionId: 'delete', blockId: 'danger', type: 'button' }]);
  });

  it('fills the intake form as a person would; the bot’s parser accepts what it submits', async () => {
    await page.evaluate((view) => {
      (window as unknown as { recorded: unknown[] }).recorded = [];
      (window as unknown as { showModal(v: unknown): void }).showModal(view);
    }, intakeModal(words, { categories: CATEGORIES, currency: 'PLN' }) as unknown);
    const field = (blockId: string) => page.locator(`#modal [data-block-id="${blockId}"]`);
    await page.locator('#modal .bk-view-submit').click();
    await expect(field(INTAKE_FIELDS.summary.blockId).locator('.bk-input-error').textContent()).resolves.toBe('Please complete this required field.');
    await field(INTAKE_FIELDS.summary.blockId).locator('input').fill('Broken vase');
    await field(INTAKE_FIELDS.customerName.blockId).locator('input').fill('Anna Nowak');
    await field(INTAKE_FIELDS.customerContact.blockId).locator('input').fill('+48 600 100 200');
    await field(INTAKE_FIELDS.source.blockId).locator('select').selectOption('web_form');
    await field(INTAKE_FIELDS.description.blockId).locator('textarea').fill('It broke.\nTwice.');
    await field(INTAKE_FIELDS.staffInvolved.blockId).locator('select').selectOption(['U0BRUNO01']);
    await page.locator('#modal .bk-view-submit').click();
    const recorded = await page.evaluate(() => (window as unknown as { recorded: { submitted: never }[] }).recorded);
    expect(recorded).toHaveLength(1);
    const parsed = parseIntakeSubmission(words, recorded[0]!.submitted, CATEGORIES, 2);
    expect(parsed).toMatchObject({ ok: true, intake: { summary: 'Broken vase', categoryId: 'delivery', source: 'web_form', description: 'It broke.\nTwice.', staffInvolvedIds: ['U0BRUNO01'] } });
  });
});
