/** Two projects: node code (stack, functions, core, scripts) and the mini-program (jsdom + miniprogram-simulate). */
const transform = { '^.+\\.(t|j)s$': '<rootDir>/tests/jest-transform.js' };

module.exports = {
  // A guard against hangs, not a speed check: these machines are shared, and a loaded one can take
  // seconds for what usually takes milliseconds.
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      transform,
      setupFiles: ['<rootDir>/tests/setup-env.js'],
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/miniprogram/'],
    },
    {
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      transform,
      testMatch: ['<rootDir>/tests/miniprogram/**/*.test.ts'],
    },
  ],
};
