// Names from anthropic-sdk-typescript that the TypeScript/JavaScript adapter recognises. Checked
// against anthropics/anthropic-sdk-typescript (2026): src/index.ts (`Anthropic` default + named
// export), packages/bedrock-sdk/src/index.ts + mantle-client.ts (`AnthropicBedrock` default,
// `AnthropicBedrockMantle`), packages/vertex-sdk (`AnthropicVertex`), packages/aws-sdk/src/index.ts
// (`AnthropicAws` default; Claude Platform on AWS), packages/foundry-sdk (`AnthropicFoundry`),
// packages/google-cloud-sdk (`AnthropicGoogleCloud`), and the installed @anthropic-ai/sdk 1.12.0
// types: resources/messages/messages.d.ts (create / stream / parse / countTokens, `batches`),
// resources/beta/messages/messages.d.ts (same + toolRunner), client.d.ts (`defaultHeaders`,
// `withOptions`), internal/request-options.d.ts (`headers`).
import type { Platform, RequestMethod } from '../types.js';

/** Client classes by exported name. */
export const CLIENT_CLASSES: Record<string, Platform> = {
  Anthropic: 'first-party',
  BaseAnthropic: 'first-party',
  // Claude Platform on Google Cloud takes first-party model IDs.
  AnthropicGoogleCloud: 'first-party',
  AnthropicBedrock: 'bedrock',
  AnthropicBedrockMantle: 'bedrock',
  AnthropicVertex: 'vertex',
  AnthropicAws: 'aws',
  AnthropicAWS: 'aws',
  AnthropicFoundry: 'foundry',
};

/** SDK packages and the class each exports as default. */
export const SDK_PACKAGES: Record<string, string> = {
  '@anthropic-ai/sdk': 'Anthropic',
  '@anthropic-ai/bedrock-sdk': 'AnthropicBedrock',
  '@anthropic-ai/vertex-sdk': 'AnthropicVertex',
  '@anthropic-ai/aws-sdk': 'AnthropicAws',
  '@anthropic-ai/foundry-sdk': 'AnthropicFoundry',
  '@anthropic-ai/google-cloud-sdk': 'AnthropicGoogleCloud',
};

/** The package (or a subpath of it) an import names, when it is an Anthropic SDK package. */
export function sdkPackageOf(specifier: string): string | undefined {
  const m = /^(@anthropic-ai\/[a-z-]+)(\/.*)?$/.exec(specifier);
  return m && SDK_PACKAGES[m[1]] ? m[1] : undefined;
}

/** Messages-resource methods that send a request. */
export const MESSAGE_METHODS: Record<string, RequestMethod> = {
  create: 'create',
  stream: 'stream',
  countTokens: 'count_tokens',
  parse: 'parse',
  toolRunner: 'other',
};

/** Client methods returning a configured copy of the client (`client.withOptions({…}).messages`). */
export const CLIENT_COPIES = new Set(['withOptions']);

/** Constructors / factories whose instances only look like a client: their `.messages.create` is not a Claude request. */
export const NON_CLAUDE_CONSTRUCTORS = /^(OpenAI|AzureOpenAI|Groq|Mistral|MistralClient|Cohere|CohereClient|CohereClientV2|Together|Fireworks|GoogleGenerativeAI|GoogleGenAI|VertexAI|Ollama|Fake\w*|Mock\w*|Stub\w*|Dummy\w*)$/;
/** Test doubles: `vi.fn()`, `jest.fn()`, `sinon.stub()`, `mock<T>()`, `createMock()`. */
export const MOCK_FACTORIES = /^(vi\.fn|jest\.fn|sinon\.stub|sinon\.createStubInstance|mock|mockDeep|createMock|jest\.mocked|vi\.mocked)$/;
/** Resources of other SDKs that also have a `.messages` (OpenAI Assistants' `beta.threads`). */
export const NON_CLIENT_RESOURCES = /^(threads|chat|conversations|assistants|runs|realtime)$/;

/** Identifiers whose `.thinking` is a request setting, not a response block. */
export const PARAMS_LIKE = /^(params|config|cfg|settings|options|opts|args|request|req|payload|body|input|thinkingConfig|thinking_config|props|this)$/i;

/** Tool definitions with a versioned type (`text_editor_20250124`, `web_search_20250305`). */
export const TOOL_TYPE = /^[a-z][a-z0-9_]*_\d{8}$/;

export const STOP_REASON = 'stop_reason';

/** `process.env.X`, `process.env['X']`, `import.meta.env.X`, `Deno.env.get('X')`, `Bun.env.X`. */
export const ENV_READ = /^(process\.env|import\.meta\.env|Bun\.env)(\.\w+|\[['"`][^'"`]+['"`]\])$|^Deno\.env\.get\(/;

/** Platform from a raw HTTP URL. */
export function platformOfUrl(url: string): Platform {
  if (/bedrock-mantle\.|bedrock-runtime\./.test(url)) return 'bedrock';
  if (/aws-external-anthropic\./.test(url)) return 'aws';
  if (/aiplatform\.googleapis\.com/.test(url)) return 'vertex';
  if (/services\.ai\.azure\.com/.test(url)) return 'foundry';
  if (/api\.anthropic\.com/.test(url)) return 'first-party';
  return 'unknown';
}

/** A Messages API path in a URL. */
export const MESSAGES_PATH = /\/v1\/messages(\/count_tokens|\/batches)?(?![\w/-])/;
