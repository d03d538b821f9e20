// The dependency rule of mtfs (docs/architecture.md): the folders of src/ are layers of one
// pipeline, and a file may import only from its own layer or a lower one; no cycles at all.
// `npm run lint:deps` checks it; .ci/run fails when it breaks.

/** The layers, lowest first. A folder not listed here is an error (add it to the rule). */
const LAYERS = ['diagnostics', 'model', 'source', 'schema', 'load', 'transform', 'project', 'reports', 'render', 'cli'];

const folder = (name) => `^src/${name}/`;
const higher = (i) => LAYERS.slice(i + 1).map(folder);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle between files, type-only imports included.',
      from: {},
      to: { circular: true },
    },
    ...LAYERS.map((layer, i) => ({
      name: `${layer}-imports-only-lower-layers`,
      severity: 'error',
      comment: `src/${layer}/ sits below ${LAYERS.slice(i + 1).join(', ') || 'nothing'}: it may not import them.`,
      from: { path: folder(layer) },
      to: { path: higher(i).length ? higher(i) : ['^$'] },
    })),
    {
      name: 'reports-stand-apart',
      severity: 'error',
      comment: 'Each report under src/reports/ stands on the layers below it, never on another report.',
      from: { path: '^src/reports/([^/]+)/' },
      to: { path: '^src/reports/', pathNot: '^src/reports/$1/' },
    },
    {
      name: 'only-cli-touches-the-file-system',
      severity: 'error',
      comment: 'Everything below src/cli/ is pure: file access goes through a reader the CLI supplies.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^(node:)?(fs|fs/promises|child_process|os|process)$', dependencyTypes: ['core'] },
    },
    {
      name: 'no-folder-outside-the-layers',
      severity: 'error',
      comment: 'Every folder of src/ is one of the layers named in .dependency-cruiser.cjs.',
      from: { path: '^src/', pathNot: `^src/(${LAYERS.join('|')})/` },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // src/ and Node's own modules (so the file-system rule can see them)
    includeOnly: ['^src/', '^(node:)?(fs|fs/promises|child_process|os|process|path|url|module|vm|crypto|util|v8|zlib|stream)$'],
    parser: 'swc',
    tsPreCompilationDeps: true,
    exclude: { path: '\\.d\\.ts$' },
  },
};
