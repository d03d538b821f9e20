// Hostile text in every output format: Markdown/HTML structure, terminal escape sequences, bidi
// overrides and spreadsheet formulas placed in a description, the authority and a compared
// scenario's file name (its id). Each run passes the harness checks and the format's own promise:
// no control byte on a terminal, no raw HTML or broken table row in Markdown, no formula in CSV.

import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRun, count, makeWorkspace, newStats, saveStats, type Workspace } from './harness.js';
import { OUTPUTS, S } from './targets.js';

/** Payloads as YAML double-quoted text (escapes allowed) with the structure each would break. */
export const TEXT_PAYLOADS: readonly { readonly name: string; readonly yaml: string }[] = [
  { name: 'a newline ending a Markdown table', yaml: 'first\\n| injected | row |\\n\\n# heading' },
  { name: 'raw HTML', yaml: '<img src=x onerror=alert(1)><script>alert(1)</script>' },
  { name: 'an HTML entity', yaml: '&lt;b&gt; &#60;i&#62;' },
  { name: 'a link and an image', yaml: '[click](http://x.example) ![p](http://x.example/p.png)' },
  { name: 'backticks and emphasis', yaml: '``code`` **bold** _it_ ~~gone~~' },
  { name: 'a leading heading mark', yaml: '# Heading' },
  { name: 'OSC 52 clipboard write', yaml: '\\e]52;c;Y2xpcGJvYXJk\\a' },
  { name: 'an OSC 8 hyperlink', yaml: '\\e]8;;http://x.example\\e\\\\click\\e]8;;\\e\\\\' },
  { name: 'colour and cursor moves', yaml: '\\e[31mred\\e[2J\\e[H' },
  { name: 'C1 CSI and DEL', yaml: '\\x9b31m\\x7f' },
  { name: 'a bidi override', yaml: 'abc\\u202Efdp.exe\\u2066x\\u2069' },
  { name: 'a formula', yaml: '=HYPERLINK(\\"http://x.example\\",\\"y\\")' },
  { name: 'a plus formula', yaml: '+1+cmd|\\" /C calc\\"!A0' },
  { name: 'an at formula', yaml: '@SUM(1+1)' },
  { name: 'a tab then a formula', yaml: '\\t=1+1' },
  { name: 'a carriage return then a formula', yaml: '\\r=1+1' },
];

// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const put = (ws: Workspace, payload: string): void => {
  const file = ws.at(S);
  const text = fs.readFileSync(file, 'utf8');
  const next = text
    .replace('authority: Leicestershire County Council', `authority: "Leicestershire ${payload}"`)
    .replace('description: Older People demand', `description: "${payload}"`);
  if (next === text) throw new Error('the payload was not placed');
  fs.writeFileSync(file, next);
};

const stats = newStats();
afterAll(() => saveStats('fuzz: text payloads', stats));

async function run(ws: Workspace, argv: string[]) {
  const r = await checkRun(ws, argv, { mutated: [ws.at(S)], outputs: OUTPUTS });
  count(stats, r.result.code, r.problems);
  expect(r.problems, r.result.stderr).toEqual([]);
  expect(r.result.code, r.result.stderr).toBe(0);
  return r.result;
}

describe.each(TEXT_PAYLOADS.map((p) => [p.name, p] as const))('text payload: %s', (_, p) => {
  it('keeps every format safe', async () => {
    const ws = makeWorkspace();
    try {
      put(ws, p.yaml);
      const table = await run(ws, ['project', ws.at(S), '--detail']);
      expect(table.stdout).not.toMatch(TERMINAL_UNSAFE);

      const md = await run(ws, ['project', ws.at(S), '--detail', '--format', 'markdown']);
      expect(md.stdout).not.toMatch(/<(img|script|b|i)\b/i);
      expect(md.stdout).not.toMatch(TERMINAL_UNSAFE);
      expect(md.stdout).not.toMatch(/(^|[^\\])\[click\]/);
      for (const line of md.stdout.split('\n').filter((l) => l.startsWith('|'))) expect(line).toMatch(/\|$/);
      expect(md.stdout).not.toMatch(/^(# |\| injected)/m);

      const csv = await run(ws, ['project', ws.at(S), '--detail', '--format', 'csv']);
      for (const cell of csv.stdout.split(/,|\n/)) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@\t\r]/);

      await run(ws, ['project', ws.at(S), '--format', 'json']);
      await run(ws, ['report', ws.at(S), '--html', ws.at('out.html'), '--xlsx', ws.at('out.xlsx')]);
      const html = fs.readFileSync(ws.at('out.html'), 'utf8');
      expect(html).not.toMatch(/<(img|script)\b/i);
    } finally {
      ws.dispose();
    }
  });
});

describe('an id from a file name', () => {
  it.each(['=HYPERLINK("http:x","y").yaml', '+cmd.yaml', '@x.yaml', '-x.yaml', '\u001b]52;c;eA==\u0007.yaml'])(
    '%j is neither a formula nor a control sequence',
    async (name) => {
      const ws = makeWorkspace();
      try {
        fs.copyFileSync(ws.at(S), ws.at(`scenarios/${name}`));
        const argv = (format: string) => ['compare', ws.at(S), ws.at(`scenarios/${name}`), '--format', format];
        const csv = await checkRun(ws, argv('csv'), { outputs: OUTPUTS });
        count(stats, csv.result.code, csv.problems);
        expect(csv.problems).toEqual([]);
        for (const cell of csv.result.stdout.split(/,|\n/)) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@\t\r]/);
        const table = await checkRun(ws, argv('table'), { outputs: OUTPUTS });
        count(stats, table.result.code, table.problems);
        expect(table.result.stdout).not.toMatch(TERMINAL_UNSAFE);
      } finally {
        ws.dispose();
      }
    },
  );
});
