// Config-file adapters, one module per format; the registry loads them by these names.
export { adapter as yamlAdapter } from './yaml.js';
export { adapter as jsonAdapter } from './json.js';
export { adapter as tomlAdapter } from './toml.js';
export { adapter as envAdapter } from './env.js';
export { adapter as dockerfileAdapter } from './dockerfile.js';
