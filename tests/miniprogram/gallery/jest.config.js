/** `npm run gallery` only: renders the screens to HTML (scripts/gallery.ts takes the pictures). */
const path = require('node:path');

module.exports = {
  rootDir: path.resolve(__dirname, '..', '..', '..'),
  testEnvironment: 'jsdom',
  transform: { '^.+\\.(t|j)s$': '<rootDir>/tests/jest-transform.js' },
  testMatch: ['<rootDir>/tests/miniprogram/gallery/*.gallery.ts'],
  testTimeout: 60_000,
};
