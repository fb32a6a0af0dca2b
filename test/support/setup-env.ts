// Tests describe the product, not the machine they run on: CI=true (set by CI runners) makes Ink
// render only the last frame and the CLI refuse colours and the interactive flow. Tests that cover
// CI behaviour set these variables themselves.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
