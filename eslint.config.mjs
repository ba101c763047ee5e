import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The areas of the functions' library (cloudfunctions/_lib/<area>/), each with the areas it may
 * import, lowest first: an area imports only areas listed before it, so there are no cycles and no
 * arrows back up. Every area is reached through its index (its public face), never its files.
 */
const AREAS = {
  platform: [],
  calendar: ['platform'],
  outbox: ['platform'],
  directory: ['platform'],
  codes: ['platform'],
  files: ['platform'],
  cases: ['platform', 'calendar', 'outbox', 'directory'],
  reception: ['platform', 'calendar', 'outbox', 'directory', 'cases'],
  landing: ['platform', 'directory', 'cases', 'reception'],
  figures: ['platform', 'calendar'],
  sheets: ['platform', 'calendar', 'directory', 'files', 'figures'],
  print: ['platform', 'codes', 'files', 'reception'],
  privacy: ['platform', 'outbox', 'directory'],
  problems: ['platform', 'calendar', 'outbox', 'directory', 'cases'],
  reports: ['platform', 'calendar', 'outbox', 'directory', 'files', 'figures', 'sheets', 'print'],
};

function functionLibraryRules() {
  const names = Object.keys(AREAS);
  return names.map((area) => ({
    files: [`cloudfunctions/_lib/${area}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^\\.\\./(${names.join('|')})/`,
              message: 'Import another area through its index (../<area>), never its files.',
            },
            ...names
              .filter((other) => other !== area && !AREAS[area].includes(other))
              .map((other) => ({
                regex: `^\\.\\./${other}$`,
                message: `${area} may not import ${other}: see the layering in eslint.config.mjs and docs/architecture.md.`,
              })),
            {
              regex: '^(\\.\\./\\.\\./[^.]|(\\.\\./)+(stack|scripts|tests|bench)/)',
              message:
                'The library imports only the core besides its areas: no function file, stack or script.',
            },
          ],
        },
      ],
    },
  }));
}

// Only services/ reach the network and the cloud, so pages stay testable and the transport switch
// (cloud or local stack) holds for the whole app.
const networkOnlyInServices = ['cloud', 'request', 'uploadFile', 'downloadFile', 'connectSocket'].map(
  (property) => ({
    object: 'wx',
    property,
    message: 'Only miniprogram/services/ may use the network or wx.cloud: call a service instead.',
  }),
);

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.data/', '.tmp/', 'miniprogram/miniprogram_npm/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: every promise is awaited or handled, every switch over a union covers it,
    // and the product's code never asserts "not null" past the type checker.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    // A test says with `!` what it expects to be there; were it missing, the test fails all the same.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['miniprogram/**/*.ts'],
    ignores: ['miniprogram/services/**'],
    rules: { 'no-restricted-properties': ['error', ...networkOnlyInServices] },
  },
  {
    // The core is pure, shared by the phone and the functions and tested on fixed dates: it imports
    // nothing outside itself (no wx, no Node, no packages), and time and chance come in as
    // arguments (`now`, `random`) from whoever calls it.
    files: ['miniprogram/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./', message: 'The core imports nothing outside miniprogram/core/.' },
            { regex: '^[^.]', message: 'The core imports no package and no Node module.' },
          ],
        },
      ],
      // Replaces the block above for these files, so it repeats the network rule.
      'no-restricted-properties': [
        'error',
        ...networkOnlyInServices,
        {
          object: 'Date',
          property: 'now',
          message: 'The core takes no hidden clock: take `now` (ms) as an argument from the caller.',
        },
        {
          object: 'Math',
          property: 'random',
          message: 'The core takes no hidden randomness: take `random: () => number` as an argument.',
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The core takes no hidden clock: `new Date()` reads it; take `now` as an argument.',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'The core takes no hidden clock: `Date()` reads it; take `now` as an argument.',
        },
      ],
    },
  },
  ...functionLibraryRules(),
  {
    // A function file is a thin action table: it reaches an area through the area's index only.
    files: ['cloudfunctions/*/index.ts'],
    ignores: ['cloudfunctions/_lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./_lib/[^/]+/', message: 'Import an area through its index: ../_lib/<area>.' },
            {
              regex: '^\\.\\./\\.\\./(stack|scripts|tests)/',
              message: 'Functions never import the stack, scripts or tests.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
