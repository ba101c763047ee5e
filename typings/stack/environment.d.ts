/** The environment of the local stack (`npm start`), the scripts and the benchmarks. */
declare namespace NodeJS {
  interface ProcessEnv {
    /** The stack's port on 127.0.0.1 (default 3000). */
    PORT?: string;
    /** Where the stack keeps its database and files (default `.data`). */
    DATA_DIR?: string;
    /** Start the stack's clock at this time (ISO 8601 or milliseconds). */
    STACK_NOW?: string;
    /** `1` or `true`: keep the stack's clock where it was set. */
    STACK_FROZEN?: string;
    /** The CloudBase environment scripts/office-code.ts and the CLI work on. */
    ENV_ID?: string;
    /** `npm run bench`: how many cases the benchmarks build (default 100,000). */
    BENCH_CASES?: string;
    /** `npm run bench`: how many posters to print (default 11,000). */
    POSTER_COUNT?: string;
  }
}
