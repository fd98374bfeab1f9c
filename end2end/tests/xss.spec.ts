import { test, expect, Page, APIResponse } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COORDINATOR, berlinDate, login, hydrated } from './helpers';

// Every vector of the corpus goes into every user text field the app shows to others: process
// title, contribution (text and team), draft (Markdown), comment, reasons (moderation, going
// back a step), a person's name. Then each page that shows them is opened, hydrated, and
// checked: no dialog may open and no injected element or attribute may exist in the DOM.
//
// The data is entered through the server functions the forms post to (the forms themselves are
// covered by the other specs); what matters here is what the pages make of stored text.

const VECTORS: string[] = JSON.parse(
  readFileSync(path.join(__dirname, '..', 'fixtures', 'xss-vectors.json'), 'utf8'),
);

/** Posts to a server function as the signed-in browser session; fails on a non-2xx answer. */
async function api(page: Page, endpoint: string, form: Record<string, string>): Promise<APIResponse> {
  const response = await page.request.post(`/api/${endpoint}`, {
    form,
    headers: { Accept: 'application/json' },
  });
  expect(response.ok(), `${endpoint}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return response;
}

/** Fits a vector into a field of `max` characters (keeps the start, where the payload is). */
function fit(vector: string, max: number): string {
  return [...vector].slice(0, max).join('');
}

/** What an injection would leave in the DOM; the app itself never produces any of these. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (name.startsWith('on')) found.push(`<${el.localName} ${name}>`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(name)) {
          if (value.startsWith('javascript:') || value.startsWith('vbscript:') || value.startsWith('data:text/html')) {
            found.push(`<${el.localName} ${name}=${attr.value}>`);
          }
        }
      }
    }
    const selectors = ['iframe', 'object', 'embed', 'frame', 'svg', 'math', 'base', 'body meta',
      'body link', 'marquee', 'isindex', 'keygen', 'video', 'audio', 'template', 'xmp', 'noscript style'];
    for (const selector of selectors) {
      for (const el of Array.from(document.querySelectorAll(selector))) found.push(`${selector}: ${el.outerHTML.slice(0, 80)}`);
    }
    // The app's own scripts: the bundle from /pkg/ and Leptos' inline scripts, which all carry
    // the page's CSP nonce and start with one of a few known statements.
    const own = /^\s*(__INCOMPLETE_CHUNKS|__RESOLVED_RESOURCES|\(function \(root, pkg_path)/;
    for (const script of Array.from(document.querySelectorAll('script'))) {
      const src = script.getAttribute('src');
      const text = script.textContent ?? '';
      if (src) {
        if (!src.startsWith('/pkg/')) found.push(`script src=${src}`);
      } else if (!script.nonce || !own.test(text)) {
        found.push(`script: ${text.slice(0, 60)}`);
      }
    }
    return found;
  });
}

test.describe('Cross-site scripting', () => {
  test.setTimeout(300_000);

  test('no vector of the corpus runs or becomes markup on the pages that show user text', async ({ page }) => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(100);
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()} on ${page.url()}`);
      await dialog.dismiss();
    });

    await login(page, COORDINATOR.email, COORDINATOR.password);

    // A process whose content is the corpus; the coordinator is its project group.
    const created = await api(page, 'create_process', { title: 'XSS-Prüfung <script>alert(1)</script>', description: fit(VECTORS.join('\n'), 2000) });
    const processId = String(await created.json());
    await api(page, 'appoint_member', { process_id: processId, email: COORDINATOR.email, perspective: 'critic' });

    // Titles: one process per vector (titles are short, so one vector each).
    for (const [i, vector] of VECTORS.entries()) {
      await api(page, 'create_process', { title: fit(`${i} ${vector}`, 200), description: vector });
    }
    // Names: invitations with the vector as the display name.
    for (const [i, vector] of VECTORS.entries()) {
      await api(page, 'create_user', {
        display_name: fit(vector, 100),
        email: `xss-${i}-${Date.now()}@beispiel.de`,
        role_staff: 'on',
      });
    }
    // Contributions (step 1): text and team.
    for (const vector of VECTORS) {
      await api(page, 'submit_contribution', { process_id: processId, kind: 'concern', text: vector, team: fit(vector, 100) });
    }
    // Draft (step 2): every vector as its own block, and as a heading.
    await api(page, 'change_step', { process_id: processId, to: 'draft', reason: '' });
    await api(page, 'start_draft', { process_id: processId, from_template: 'nein' });
    const draft = ['# XSS-Prüfung', ...VECTORS.flatMap((v, i) => [`## Abschnitt ${i} ${v.replace(/\n/g, ' ')}`, v])].join('\n\n');
    const saved = await api(page, 'save_draft', { process_id: processId, body: draft, edit_count: '0' });
    const editCount = String(await saved.json());
    await api(page, 'publish_version', { process_id: processId, change_summary: fit(VECTORS.join(' '), 500), edit_count: editCount });
    // Discourse (step 3): a round, one comment per vector, one hidden with a vector as reason.
    await api(page, 'change_step', { process_id: processId, to: 'discourse', reason: '' });
    const deadline = berlinDate(14);
    const opened = await api(page, 'open_round', {
      process_id: processId, start_date: '', start_time: '', deadline_date: deadline, deadline_time: '18:00',
      audience: 'everyone', teams: '',
    });
    const roundId = String(await opened.json());
    const round = await (await api(page, 'get_round', { process_id: processId, round_id: roundId })).json();
    const commentIds: string[] = [];
    for (const vector of VECTORS) {
      const posted = await api(page, 'post_comment', {
        round_id: roundId, version_id: String(round.version_id), block_id: 'b1', quote: '', body: vector,
      });
      commentIds.push(String(await posted.json()));
    }
    await api(page, 'hide_comment', { comment_id: commentIds[0], reason: VECTORS.join(' ').slice(0, 1000) });

    // Team names (set on accounts) and dialogue posts on the adopted demo guideline.
    const users = await (await api(page, 'list_users', { page: '1' })).json();
    const someone = (users.users ?? users.items ?? users.rows ?? [])[0];
    expect(someone, `no user in ${JSON.stringify(users).slice(0, 200)}`).toBeTruthy();
    for (const vector of VECTORS.slice(0, 20)) {
      await api(page, 'set_user_team', { user_id: String(someone.id), team: fit(vector, 100) });
    }
    const processes: { id: number; title: string }[] = await (await api(page, 'list_processes', {})).json();
    const adopted = processes.find((p) => p.title === 'Leitlinie Videoberatung');
    expect(adopted, 'the adopted demo guideline').toBeTruthy();
    const adoptedId = String(adopted!.id);
    for (const vector of VECTORS) {
      await api(page, 'post_experience', { process_id: adoptedId, kind: 'need_for_change', body: vector });
    }

    const pages = [
      `/prozesse/${adoptedId}/erfahrungen`,
      `/prozesse/${adoptedId}/erfahrungen?seite=2`,
      `/prozesse/${adoptedId}/leitlinie`,
      '/',
      `/prozesse/${processId}`,
      `/prozesse/${processId}/beitraege`,
      `/prozesse/${processId}/entwurf`,
      `/prozesse/${processId}/versionen/1`,
      `/prozesse/${processId}/runden`,
      `/prozesse/${processId}/runden/${roundId}`,
      `/prozesse/${processId}/runden/${roundId}/kommentare`,
      '/meine-kommentare',
      '/admin/benutzer',
      '/admin/benutzer?seite=2',
      '/admin/benutzer?seite=3',
      '/admin/benutzer?seite=4',
    ];
    for (const path of pages) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBeLessThan(400);
      await hydrated(page);
      // Let anything that would run after hydration run.
      await page.waitForTimeout(200);
      expect(await injected(page), `injected markup on ${path}`).toEqual([]);
    }
    // The vectors are shown as text: one of them is visible literally on the round page.
    await page.goto(`/prozesse/${processId}/runden/${roundId}`);
    await expect(page.getByText('<script>alert(1)</script>', { exact: false }).first()).toBeAttached();

    // Going back a step with a vector as the reason; the history shows it.
    await api(page, 'change_step', { process_id: processId, to: 'draft', reason: fit(VECTORS.join(' '), 1000) });
    await page.goto(`/prozesse/${processId}`);
    await hydrated(page);
    expect(await injected(page), 'injected markup in the step history').toEqual([]);

    // A review started with a vector as the trigger text; the review page shows it.
    await api(page, 'start_review', {
      process_id: adoptedId, trigger: 'other', trigger_text: fit(VECTORS.join(' '), 1000), reentry: 'discourse', confirm: 'on',
    });
    for (const path of [`/prozesse/${adoptedId}/ueberpruefung`, `/prozesse/${adoptedId}`, '/']) {
      await page.goto(path);
      await hydrated(page);
      expect(await injected(page), `injected markup on ${path}`).toEqual([]);
    }

    expect(dialogs, 'dialogs opened by injected script').toEqual([]);
  });
});
