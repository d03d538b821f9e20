// `mtfs check --format json|junit` for CI: diagnostics, reasons and a summary in JSON; JUnit XML
// (golden, well-formed, escaped, deterministic); and the GitHub problem matcher's pattern against
// real diagnostics output.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, describe, expect, it } from 'vitest';
import { xmlText } from '../src/render/check.js';
import { runCli } from './helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-check-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const FILES = [
  'scenarios/2018.yaml',
  'test/errors/control-mismatch/scenario.yaml',
  'test/errors/unknown-key/scenario.yaml',
  'test/errors/no-controls/scenario.yaml',
];

interface JsonDiagnostic {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
}
interface JsonFile {
  file: string;
  status: string;
  reasons: string[];
  controls: { row: string; year: string; matches: boolean; difference: string }[];
  diagnostics: JsonDiagnostic[];
}
interface JsonCheck {
  summary: {
    files: number;
    passed: number;
    failed: number;
    invalid: number;
    controls: { total: number; matched: number; mismatched: number };
  };
  files: JsonFile[];
}

describe('check --format json', () => {
  it('carries each file’s status, reasons, controls and diagnostics, and a summary', async () => {
    const r = await runCli(['check', ...FILES, '--format', 'json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as JsonCheck;
    const [ok, failed, invalid, none] = doc.files as [JsonFile, JsonFile, JsonFile, JsonFile];
    expect(ok).toMatchObject({ file: 'scenarios/2018.yaml', status: 'ok', reasons: [], diagnostics: [] });
    expect(ok.controls).toHaveLength(21);
    expect(failed.status).toBe('failed');
    expect(failed.reasons).toEqual(['net_budget 2019/20: projected 1,010, published 1,011, difference -1']);
    expect(failed.diagnostics[0]).toMatchObject({
      code: 'control-mismatch',
      file: 'test/errors/control-mismatch/scenario.yaml',
      line: 18,
      column: 42,
    });
    expect(invalid.status).toBe('invalid');
    expect(invalid.reasons).toEqual([
      'test/errors/unknown-key/scenario.yaml:10:5: error[unknown-key]: unknown key `descripton` in lines[1]',
    ]);
    expect(invalid.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'unknown-key',
        message: 'unknown key `descripton` in lines[1]',
        file: 'test/errors/unknown-key/scenario.yaml',
        line: 10,
        column: 5,
        end_line: 10,
        end_column: 15,
        hint: 'did you mean `description`?',
      },
    ]);
    expect(none).toMatchObject({ status: 'failed', controls: [] });
    expect(none.reasons[0]).toMatch(/^no controls/);
    expect(none.diagnostics.map((d) => d.code)).toEqual(['no-controls']);
    expect(doc.summary).toEqual({
      files: 4,
      passed: 1,
      failed: 2,
      invalid: 1,
      controls: { total: 23, matched: 22, mismatched: 1, calibrated: 0, independent: 23 },
    });
  });
});

describe('check --format junit', () => {
  it('writes one testsuite per file and one testcase per control (golden), with no timestamps', async () => {
    const r = await runCli(['check', ...FILES, '--format', 'junit']);
    expect(r.code).toBe(2);
    await expect(r.stdout).toMatchFileSnapshot('golden/check.junit.xml');
    expect(r.stdout).not.toMatch(/timestamp|time=|hostname/);
    expect((await runCli(['check', ...FILES, '--format', 'junit'])).stdout).toBe(r.stdout);
  });

  it('is well-formed XML with every text escaped, whatever a file name holds', async () => {
    const dir = path.join(tmp, `a&b <"c'>`);
    fs.mkdirSync(dir);
    fs.copyFileSync('test/errors/control-mismatch/scenario.yaml', path.join(dir, 'scenario.yaml'));
    const r = await runCli(['check', path.join(dir, 'scenario.yaml'), 'test/errors/unknown-key/scenario.yaml', '--format', 'junit']);
    const names: string[] = [];
    const parser = new SaxesParser();
    parser.on('opentag', (t) => {
      if (t.name === 'testsuite') names.push(String(t.attributes.name));
    });
    parser.write(r.stdout).close();
    expect(names).toEqual([path.join(dir, 'scenario.yaml'), 'test/errors/unknown-key/scenario.yaml']);
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlText(`a<b>&"c'\u0001\ud800`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });
});

describe('the GitHub problem matcher', () => {
  const matcher = JSON.parse(fs.readFileSync('.github/problem-matcher.json', 'utf8')) as {
    problemMatcher: {
      owner: string;
      pattern: { regexp: string; file: number; line: number; column: number; code: number; message: number; severity: number }[];
    }[];
  };
  const [pattern] = matcher.problemMatcher[0]!.pattern;
  const re = new RegExp(pattern!.regexp);

  it('matches every located diagnostic headline of real output, and nothing else', async () => {
    const r = await runCli([
      'check',
      'test/errors/control-mismatch/scenario.yaml',
      'test/errors/unknown-key/scenario.yaml',
      'test/errors/csv-header/scenario.yaml',
    ]);
    const lines = r.stderr.split('\n');
    const matched = lines.map((l) => re.exec(l)).filter((m) => m !== null);
    expect(matched.map((m) => [m[pattern!.file], m[pattern!.line], m[pattern!.column], m[pattern!.severity], m[pattern!.code]])).toEqual([
      ['test/errors/control-mismatch/scenario.yaml', '18', '42', 'error', 'control-mismatch'],
      ['test/errors/unknown-key/scenario.yaml', '10', '5', 'error', 'unknown-key'],
      ['test/errors/csv-header/lines.csv', '1', '1', 'error', 'csv-header'],
      ['test/errors/csv-header/lines.csv', '1', '17', 'error', 'csv-header'],
      ['test/errors/csv-header/lines.csv', '1', '56', 'error', 'csv-header'],
    ]);
    expect(matched[1]![pattern!.message]).toBe('unknown key `descripton` in lines[1]');
    // every headline of the form file:line:col is matched; excerpts, hints and counts are not
    expect(lines.filter((l) => /^\S.*:\d+:\d+: (error|warning)\[/.test(l))).toHaveLength(matched.length);
  });

  it('reads a Windows path with its drive letter', () => {
    const m = re.exec('C:\\mtfs\\scenario.yaml:12:11: error[amount-format]: expected an amount like 1234.56');
    expect(m?.[pattern!.file]).toBe('C:\\mtfs\\scenario.yaml');
    expect(m?.[pattern!.line]).toBe('12');
  });

  it('is the file docs/ci.md tells the workflow to add', () => {
    expect(fs.readFileSync('docs/ci.md', 'utf8')).toContain('::add-matcher::');
  });
});
