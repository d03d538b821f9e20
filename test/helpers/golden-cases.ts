// Every command whose output a golden file records, in one list. The golden tests check each case
// against its file; test/determinism.test.ts replays the same list through the built program under
// other time zones, locales, clocks and working folders, and expects the same bytes.
//
// Paths in argv are relative to the repository root (the working folder of the tests).

import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** A file a command writes: the flag that names it, and the golden file of its content (if any). */
export interface GoldenWrite {
  readonly flag: '--output' | '--html' | '--xlsx';
  /** the file's name; the runner puts it in a folder of its own */
  readonly file: string;
  /** relative to test/ */
  readonly golden?: string;
}

export interface GoldenCase {
  /** unique within its group: the test's title */
  readonly name: string;
  /** without the flags of `writes`, which the runner adds with paths of its choosing */
  readonly argv: readonly string[];
  /** the exit code, when the case fixes one (a transcript records it anyway) */
  readonly exit?: number;
  /** the golden file, relative to test/; holds the transcript unless `records` says otherwise */
  readonly golden?: string;
  readonly records?: 'transcript' | 'stdout';
  readonly writes?: readonly GoldenWrite[];
  /** environment variables the command runs with, besides the runner's own */
  readonly env?: Readonly<Record<string, string>>;
}

// --- project and check: every scenario in scenarios/ and scenarios/examples/ (test/golden.test.ts) ---

const yamlIn = (folder: string): string[] =>
  fs
    .readdirSync(`scenarios/${folder}`)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => path.posix.join(folder, f));

/** The worked examples from other councils, relative to scenarios/ (e.g. examples/dover-2018.yaml). */
export const EXAMPLE_SCENARIOS: readonly string[] = yamlIn('examples');

/** Relative to scenarios/: its own files, then the worked examples. */
export const SHIPPED_SCENARIOS: readonly string[] = [...yamlIn(''), ...EXAMPLE_SCENARIOS];

/** A golden file's stem: the path under scenarios/ without `.yaml` (examples keep their folder). */
const stemOf = (file: string): string => file.replace(/^scenarios\//, '').replace(/\.yaml$/, '');

const PROJECT_VARIANTS: readonly { name: string; args: readonly string[] }[] = [
  { name: 'project', args: [] },
  { name: 'project-detail', args: ['--detail'] },
  { name: 'project-csv', args: ['--format', 'csv'] },
  { name: 'project-detail-csv', args: ['--format', 'csv', '--detail'] },
  { name: 'project-json', args: ['--format', 'json', '--detail'] },
  { name: 'project-markdown', args: ['--format', 'markdown', '--detail'] },
];

/** `project` in every format for one file of scenarios/. */
export const projectCases = (file: string): GoldenCase[] =>
  PROJECT_VARIANTS.map(({ name, args }) => ({
    name,
    argv: ['project', `scenarios/${file}`, ...args],
    exit: 0,
    golden: `golden/${stemOf(file)}.${name}.txt`,
  }));

/** `check` of one file of scenarios/: exit 0, or 1 when it has no controls. */
export const checkCase = (file: string): GoldenCase => ({
  name: 'check',
  argv: ['check', `scenarios/${file}`],
  golden: `golden/${stemOf(file)}.check.txt`,
});

export const SCHEMA_CASE: GoldenCase = { name: 'schema', argv: ['schema'], exit: 0, golden: 'golden/schema.json', records: 'stdout' };

// --- options (test/options-golden.test.ts) ---

const INCOME_TAX = ['--option', 'income-tax-basic', '--option', 'income-tax-higher', '--option', 'income-tax-top'];
const EXISTING = ['--need', 'fair-price', '--need', 'inflation-demography', '--need', 'unmet-older', '--need', 'unmet-working-age'];
const COUNCIL = ['--authority', 'scenarios/2018-council.yaml'];

export const OPTIONS_CASES: readonly GoldenCase[] = (
  [
    { name: 'catalogue', args: [] },
    { name: 'catalogue-csv', args: ['--format', 'csv'] },
    { name: 'income-tax', args: INCOME_TAX },
    { name: 'income-tax-csv', args: [...INCOME_TAX, '--format', 'csv'] },
    { name: 'income-tax-json', args: [...INCOME_TAX, '--format', 'json'] },
    { name: 'needs-existing', args: EXISTING },
    { name: 'needs-cap-and-floor', args: [...EXISTING, '--need', 'cap-and-floor'] },
    { name: 'needs-free-personal-care-csv', args: [...EXISTING, '--need', 'free-personal-care', '--format', 'csv'] },
    { name: 'sufficiency', args: [...INCOME_TAX, '--option', 'ni-all', ...EXISTING, '--need', 'free-personal-care', '--year', '2024/25'] },
    { name: 'sufficiency-markdown', args: [...INCOME_TAX, ...EXISTING, '--year', '2024/25', '--format', 'markdown'] },
    { name: 'local-asc-net-spend', args: [...INCOME_TAX, ...EXISTING, ...COUNCIL, '--basis', 'asc-net-spend'] },
    { name: 'local-asc-net-spend-csv', args: [...INCOME_TAX, ...EXISTING, ...COUNCIL, '--basis', 'asc-net-spend', '--format', 'csv'] },
    { name: 'local-population-json', args: ['--option', 'council-tax', ...COUNCIL, '--basis', 'population', '--format', 'json'] },
    {
      name: 'local-explicit-2024',
      args: [...EXISTING, '--need', 'cap-and-floor', ...COUNCIL, '--basis', 'explicit', '--share', '0.9%', '--year', '2024/25'],
    },
  ] as const
).map(({ name, args }) => ({ name, argv: ['options', ...args], exit: 0, golden: `golden/options.${name}.txt` }));

// --- compare, savings, diff, explain (test/scrutiny-golden.test.ts) ---

export const SCRUTINY_CASES: readonly GoldenCase[] = (
  [
    { name: 'compare-ac14', argv: ['compare', 'scenarios/2018.yaml', 'scenarios/2018-without-ac14.yaml'] },
    { name: 'compare-ac14-csv', argv: ['compare', 'scenarios/2018.yaml', 'scenarios/2018-without-ac14.yaml', '--format', 'csv'] },
    { name: 'compare-ac14-json', argv: ['compare', 'scenarios/2018.yaml', 'scenarios/2018-without-ac14.yaml', '--format', 'json'] },
    { name: 'compare-dols', argv: ['compare', 'scenarios/2018.yaml', 'scenarios/2018-with-dols.yaml'] },
    {
      name: 'compare-three-markdown',
      argv: ['compare', 'scenarios/2018.yaml', 'scenarios/2018-without-ac14.yaml', 'scenarios/2018-with-dols.yaml', '--format', 'markdown'],
    },
    { name: 'savings', argv: ['savings', 'scenarios/2018.yaml'] },
    { name: 'savings-csv', argv: ['savings', 'scenarios/2018.yaml', '--format', 'csv'] },
    { name: 'savings-json', argv: ['savings', 'scenarios/2018.yaml', '--format', 'json'] },
    { name: 'savings-target', argv: ['savings', 'scenarios/2018.yaml', '--target', '2021/22=8000', '--exclude', 'AC14'] },
    {
      name: 'savings-target-csv',
      argv: ['savings', 'scenarios/2018.yaml', '--target', '2019/20=6000,2021/22=7500', '--top', '5', '--format', 'csv'],
    },
    { name: 'diff', argv: ['diff', 'test/fixtures/mtfs-2017-implied.yaml', 'scenarios/2018.yaml'] },
    { name: 'diff-csv', argv: ['diff', 'test/fixtures/mtfs-2017-implied.yaml', 'scenarios/2018.yaml', '--format', 'csv'] },
    { name: 'explain-net-budget', argv: ['explain', 'scenarios/2018.yaml', 'net_budget', '2020/21'] },
    { name: 'explain-net-budget-csv', argv: ['explain', 'scenarios/2018.yaml', 'net_budget', '2020/21', '--format', 'csv'] },
    { name: 'explain-net-budget-json', argv: ['explain', 'scenarios/2018.yaml', 'net_budget', '2018/19', '--format', 'json'] },
    { name: 'explain-g7', argv: ['explain', 'scenarios/2018.yaml', 'G7'] },
    { name: 'explain-ac14-markdown', argv: ['explain', 'scenarios/2018.yaml', 'AC14', '2019/20', '--format', 'markdown'] },
    { name: 'explain-variant', argv: ['explain', 'scenarios/2018-with-dols.yaml', 'growth', '2018/19'] },
    { name: 'explain-unknown', argv: ['explain', 'scenarios/2018.yaml', 'net_budgt'], exit: 2 },
    { name: 'explain-council-gap', argv: ['explain', 'scenarios/2018-council.yaml', 'gap', '2021/22'] },
  ] as const
).map((c) => ({ exit: 0, ...c, golden: `golden/scrutiny/${c.name}.txt` }));

// --- demand (test/demand.test.ts) ---

/** The shipped scenarios with drivers. */
export const SHIPPED_WITH_DRIVERS: readonly string[] = SHIPPED_SCENARIOS.filter(
  (f) => (parse(fs.readFileSync(`scenarios/${f}`, 'utf8')) as { drivers?: unknown }).drivers !== undefined,
);

/** The shipped scenarios with drivers, and a fixture for the forms they do not use. */
export const DEMAND_SCENARIOS: readonly string[] = [
  ...SHIPPED_WITH_DRIVERS.map((f) => `scenarios/${f}`),
  'test/fixtures/demand-forms/scenario.yaml',
];

const demandStem = (file: string): string => (file.startsWith('scenarios/') ? stemOf(file) : 'demand-forms');

const DEMAND_FORMATS: readonly { name: string; args: readonly string[] }[] = [
  { name: 'demand', args: [] },
  { name: 'demand-csv', args: ['--format', 'csv'] },
  { name: 'demand-json', args: ['--format', 'json'] },
  { name: 'demand-markdown', args: ['--format', 'markdown'] },
];

/** `demand` in every format for one of DEMAND_SCENARIOS. */
export const demandCases = (file: string): GoldenCase[] =>
  DEMAND_FORMATS.map(({ name, args }) => ({
    name,
    argv: ['demand', file, ...args],
    exit: 0,
    golden: `golden/${demandStem(file)}.${name}.txt`,
  }));

const WHAT_IF_SCENARIO = 'scenarios/2018-demand.yaml';

export const WHAT_IF_CASES: readonly GoldenCase[] = (
  [
    { name: 'demand-set-population', argv: ['demand', WHAT_IF_SCENARIO, '--set', 'older_people.extra_population_growth=1%'] },
    {
      name: 'demand-set-arrivals',
      argv: ['demand', WHAT_IF_SCENARIO, '--set', 'transitions.arrivals=46', '--set', 'transitions.arrivals.2021/22=60'],
    },
    { name: 'project-set', argv: ['project', WHAT_IF_SCENARIO, '--set', 'older_people.unit_cost_uplift=3%'] },
  ] as const
).map((c) => ({ ...c, exit: 0, golden: `golden/2018-demand.${c.name}.txt` }));

/** Every bad --set of a run, and a path set twice. */
export const BAD_SET_CASE: GoldenCase = {
  name: 'demand-bad-set',
  argv: [
    'demand',
    WHAT_IF_SCENARIO,
    '--set',
    'older_peple.use_rate=4%',
    '--set',
    'transitions.arrivals=x',
    '--set',
    'transitions.part_year=1',
    '--set',
    'transitions.part_year=0.5',
  ],
  exit: 2,
  golden: 'golden/2018-demand.demand-bad-set.txt',
};

// --- sensitivity, risk and the HTML report (test/reports.test.ts) ---

export const RISK_CASES: readonly GoldenCase[] = (
  [
    { name: 'sensitivity', argv: ['sensitivity', 'scenarios/2018.yaml'] },
    { name: 'sensitivity-csv', argv: ['sensitivity', 'scenarios/2018.yaml', '--format', 'csv'] },
    { name: 'sensitivity-json', argv: ['sensitivity', 'scenarios/2018.yaml', '--format', 'json'] },
    { name: 'risk', argv: ['risk', 'scenarios/2018.yaml', '--draws', '10000', '--seed', '1'] },
    { name: 'risk-csv', argv: ['risk', 'scenarios/2018.yaml', '--draws', '2000', '--seed', '7', '--format', 'csv'] },
    { name: 'sensitivity-demand', argv: ['sensitivity', 'scenarios/2018-demand.yaml'] },
    { name: 'risk-demand', argv: ['risk', 'scenarios/2018-demand.yaml', '--draws', '500', '--seed', '1'] },
    { name: 'sensitivity-council', argv: ['sensitivity', 'scenarios/2018-council.yaml'] },
    { name: 'risk-council', argv: ['risk', 'scenarios/2018-council.yaml', '--draws', '5000', '--seed', '1', '--threshold', '10000'] },
  ] as const
).map((c) => ({ ...c, exit: 0, golden: `golden/risk/${c.name}.txt` }));

// --- savings delivery: RAG, slippage, unidentified and under-development savings (test/delivery.test.ts) ---

const DELIVERY_DEPARTMENT = 'test/fixtures/delivery/department.yaml';
const DELIVERY_COUNCIL = 'test/fixtures/delivery/council.yaml';

export const DELIVERY_CASES: readonly GoldenCase[] = (
  [
    { name: 'project-detail', argv: ['project', DELIVERY_DEPARTMENT, '--detail'] },
    { name: 'project-json', argv: ['project', DELIVERY_DEPARTMENT, '--detail', '--format', 'json'] },
    { name: 'risk-council', argv: ['risk', DELIVERY_COUNCIL, '--draws', '2000', '--seed', '1'] },
    { name: 'sensitivity-council', argv: ['sensitivity', DELIVERY_COUNCIL] },
    { name: 'savings-council-gap', argv: ['savings', DELIVERY_COUNCIL, '--target', 'gap', '--top', '5'] },
    { name: 'savings-no-need', argv: ['savings', DELIVERY_DEPARTMENT, '--target', '0'] },
    { name: 'savings-some-years-no-need', argv: ['savings', DELIVERY_DEPARTMENT, '--target', '2018/19=0,2021/22=1000'] },
    { name: 'explain-slipped', argv: ['explain', DELIVERY_DEPARTMENT, 'S3', '2019/20'] },
    { name: 'explain-under-development', argv: ['explain', DELIVERY_DEPARTMENT, 'D1', '2021/22'] },
    { name: 'savings-shipped-council-gap', argv: ['savings', 'scenarios/2018-council.yaml', '--target', 'gap'] },
  ] as const
).map((c) => ({ ...c, exit: 0, golden: `golden/delivery/${c.name}.txt` }));

// --- gross expenditure and income (test/gross-income.test.ts) ---

const GROSS_INCOME = 'test/fixtures/gross-income/scenario.yaml';

export const GROSS_INCOME_CASES: readonly GoldenCase[] = (
  [
    { name: 'project-detail', argv: ['project', GROSS_INCOME, '--detail'] },
    { name: 'project-detail-csv', argv: ['project', GROSS_INCOME, '--detail', '--format', 'csv'] },
    { name: 'project-json', argv: ['project', GROSS_INCOME, '--detail', '--format', 'json'] },
    { name: 'explain-uplift', argv: ['explain', GROSS_INCOME, 'G1', '2026/27'] },
    { name: 'explain-ends', argv: ['explain', GROSS_INCOME, 'S1', '2027/28'] },
    { name: 'what-if', argv: ['project', GROSS_INCOME, '--set', 'G1.income_uplift=10%', '--set', 'S1.income_ends=2026/27'] },
    { name: 'explain-what-if', argv: ['explain', GROSS_INCOME, 'G1', '2025/26', '--set', 'G1.income_uplift=10%'] },
    { name: 'sensitivity', argv: ['sensitivity', GROSS_INCOME] },
    { name: 'explain-row', argv: ['explain', GROSS_INCOME, 'gross_income.lines.net', '2026/27'] },
    { name: 'explain-published', argv: ['explain', 'scenarios/2018.yaml', 'gross_income.published.net', '2018/19'] },
  ] as const
).map((c) => ({ ...c, exit: 0, golden: `golden/gross-income/${c.name}.txt` }));

/** The committee page: nothing on stdout, the page in the file. */
export const REPORT_HTML_CASE: GoldenCase = {
  name: 'report-html',
  argv: ['report', 'scenarios/2018.yaml', '--draws', '2000'],
  exit: 0,
  writes: [{ flag: '--html', file: 'report.html', golden: 'golden/report/2018.html' }],
};

// --- one reproducer per diagnostic code (test/errors.test.ts) ---

export const ERRORS_ROOT = 'test/errors';

/** The folders of test/errors, one per diagnostic code. */
export const ERROR_CODES: readonly string[] = fs
  .readdirSync(ERRORS_ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/**
 * test/errors/<code>/ holds the input (and `args` when the command is not `project
 * scenario.yaml`, `exit` when the exit code is not 2, `env` with NAME=value lines for environment
 * variables); expected.txt is the golden transcript.
 */
export function errorCase(code: string): GoldenCase {
  const dir = path.posix.join(ERRORS_ROOT, code);
  const argsFile = path.join(dir, 'args');
  const argv = fs.existsSync(argsFile)
    ? fs.readFileSync(argsFile, 'utf8').trim().replaceAll('{dir}', dir).split(/\s+/)
    : ['project', `${dir}/scenario.yaml`];
  const exitFile = path.join(dir, 'exit');
  const exit = fs.existsSync(exitFile)
    ? Number(fs.readFileSync(exitFile, 'utf8').trim())
    : code === 'control-mismatch' || code === 'no-controls'
      ? 1
      : 2;
  const envFile = path.join(dir, 'env');
  const env = fs.existsSync(envFile)
    ? Object.fromEntries(
        fs
          .readFileSync(envFile, 'utf8')
          .trim()
          .split('\n')
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      )
    : undefined;
  return { name: code, argv, exit, golden: `errors/${code}/expected.txt`, ...(env ? { env } : {}) };
}

export const ERROR_CASES: readonly GoldenCase[] = ERROR_CODES.map(errorCase);

/** Every case above: the whole golden suite. */
export const GOLDEN_CASES: readonly GoldenCase[] = [
  ...SHIPPED_SCENARIOS.flatMap((f) => [...projectCases(f), checkCase(f)]),
  SCHEMA_CASE,
  ...OPTIONS_CASES,
  ...SCRUTINY_CASES,
  ...DEMAND_SCENARIOS.flatMap(demandCases),
  ...WHAT_IF_CASES,
  BAD_SET_CASE,
  ...RISK_CASES,
  ...DELIVERY_CASES,
  ...GROSS_INCOME_CASES,
  REPORT_HTML_CASE,
  ...ERROR_CASES,
];
