import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    // Only services/ reach the network and the cloud, so pages stay testable and the transport switch
    // (cloud or local stack) holds for the whole app.
    files: ['miniprogram/**/*.ts'],
    ignores: ['miniprogram/services/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['cloud', 'request', 'uploadFile', 'downloadFile', 'connectSocket'].map((property) => ({
          object: 'wx',
          property,
          message: 'Only miniprogram/services/ may use the network or wx.cloud: call a service instead.',
        })),
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
