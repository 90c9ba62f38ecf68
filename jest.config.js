const swc = {
  swcrc: false,
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
};

// ES-module-only packages that CommonJS packages `require` (light-my-request needs cookie@2,
// @fastify/static needs content-disposition@3). Node 20 can require them; Jest's own module system
// cannot, so Jest compiles them to CommonJS when they are required (and leaves them ESM when imported).
const esmRequiredFromCommonJs = ['cookie', 'content-disposition'];

/** Jest runs the TypeScript sources as ES modules, compiled by swc (`npm test` sets the Node flags). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swc, module: { type: 'es6' } }],
    [`/node_modules/(${esmRequiredFromCommonJs.join('|')})/.+\\.js$`]: [
      '@swc/jest',
      { swcrc: false, jsc: { target: 'es2022' } },
    ],
  },
  transformIgnorePatterns: [`^(?!.*/node_modules/(${esmRequiredFromCommonJs.join('|')})/).*/node_modules/`],
  moduleNameMapper: {
    '^@app/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^@dev/(.*)$': '<rootDir>/dev/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  // Every test fails when the product reads the machine's clock instead of the injected Clock.
  setupFilesAfterEnv: ['<rootDir>/test/support/real-clock-guard.ts'],
  // Generous: on a loaded 2-core machine a file's set-up (its own database, the app, sign-ins) has taken
  // over 30 s; a test that truly hangs still fails, a minute and a half later.
  testTimeout: 90_000,
  // One test file at a time (the machine has 2 cores; PostgreSQL, Redis and the spawned processes take
  // the other), in a worker process rather than Jest's own, replaced when a file leaves it over 1.5 GB:
  // ES-module test files each load the whole application, and one process running all of them grows.
  maxWorkers: 1,
  workerIdleMemoryLimit: '1.5GB',
  testMatch: [
    '<rootDir>/libs/**/*.spec.ts',
    '<rootDir>/dev/**/*.spec.ts',
    '<rootDir>/apps/**/*.spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
  ],
};
