import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    // The core is shared by the phone and the functions and tested on fixed dates: time and chance
    // come in as arguments (`now`, `random`), from whoever calls it.
    files: ['miniprogram/core/**/*.ts'],
    rules: {
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
