// The fast project's per-test and per-hook timeout (see jest.config.js).
jest.setTimeout(30_000);
