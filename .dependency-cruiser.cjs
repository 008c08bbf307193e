/**
 * The house plan of src/ (issue 21), checked by `npm run lint:deps` and by
 * test/unit/architecture.test.ts.
 *
 * Folders are layered, lowest first. A module may import from its own layer or a
 * lower one, never from a higher one: a low layer that reached up would make the
 * two depend on each other, and the lower one could no longer be used, read or
 * tested without the upper one.
 */

/** The layers of src/, lowest first: each is a list of folders or files under src/. */
const LAYERS = [
  ['errors.ts', 'version.ts', 'log'],
  ['config'],
  ['db'],
  ['nlp'],
  ['skills'],
  ['dedupe'],
  ['normalize'],
  ['roles'],
  ['sources'],
  ['crawl'],
  ['process'],
  ['trends'],
  ['report'],
  // The career planner reads trends, skills and roles as the report does, and renders with its markup.
  ['career'],
  ['pipeline'],
  ['web'],
  ['demo'],
  ['cli'],
];

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A path pattern matching every module of the given folders or files under src/. */
function modulesOf(entries) {
  const alternatives = entries.map((entry) =>
    entry.endsWith('.ts') ? `${escapeRegExp(entry)}$` : `${escapeRegExp(entry)}/`,
  );
  return `^src/(${alternatives.join('|')})`;
}

const layerName = (layer) => layer.map((entry) => entry.replace(/\.ts$/, '')).join('+');

/** One rule per layer that has layers above it: it may not import from any of them. */
const layerRules = LAYERS.slice(0, -1).map((layer, index) => {
  const higher = LAYERS.slice(index + 1);
  return {
    name: `layer-${layerName(layer)}`,
    comment:
      `src/${layerName(layer)} may import only from its own layer or a lower one; ` +
      `it imports from a higher layer (${higher.map(layerName).join(', ')}). ` +
      'Move the imported name down to where it belongs, or pass it in from above.',
    severity: 'error',
    from: { path: modulesOf(layer) },
    to: { path: modulesOf(higher.flat()) },
  };
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment:
        'Modules of src/ that import each other, directly or through others, cannot be ' +
        'loaded, read or tested one without the other: break the cycle.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'src-not-to-test',
      comment:
        'The application never imports test code; what it needs from test/ belongs under src/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'layer-unknown',
      comment:
        'This module of src/ belongs to no layer of .dependency-cruiser.cjs, so nothing ' +
        'checks what it imports or who imports it: give its folder a place in LAYERS.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/', pathNot: modulesOf(LAYERS.flat()) },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type from a higher layer ties the layers together too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
