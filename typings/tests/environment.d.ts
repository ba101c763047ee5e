/** The environment the test suites read. */
declare namespace NodeJS {
  interface ProcessEnv {
    /** Runs tests/conformance against this real CloudBase environment instead of the local stack. */
    CONFORMANCE_ENV_ID?: string;
    /** Read by @cloudbase/node-sdk: `true` arms no "slow request" timer (tests/stack/process.test.ts). */
    SILENCE?: string;
  }
}
