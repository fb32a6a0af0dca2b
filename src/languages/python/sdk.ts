// Names from anthropic-sdk-python that the Python adapter recognises. Checked against
// anthropics/anthropic-sdk-python @ 009b0353 (Aug 2026): src/anthropic/__init__.py (Anthropic,
// AsyncAnthropic, Client, AnthropicAWS, AnthropicFoundry, AnthropicGoogleCloud re-exports),
// src/anthropic/lib/bedrock/__init__.py (AnthropicBedrock, AnthropicBedrockMantle + Async twins),
// src/anthropic/lib/vertex/__init__.py (AnthropicVertex), src/anthropic/resources/messages/messages.py
// (create/stream/parse/count_tokens; extra_headers/extra_query/extra_body/timeout request options),
// src/anthropic/resources/beta/messages/messages.py (tool_runner), and
// src/anthropic/types/messages/batch_create_params.py (Request{custom_id, params}).
import type { Platform, RequestMethod } from '../types.js';

/** Client classes by name. `Client` is an alias of `Anthropic` and only counts when imported from the SDK. */
export const CLIENT_CLASSES: Record<string, Platform> = {
  Anthropic: 'first-party',
  AsyncAnthropic: 'first-party',
  Client: 'first-party',
  AsyncClient: 'first-party',
  // Claude Platform on Google Cloud takes first-party model IDs (lib/google_cloud/README.md).
  AnthropicGoogleCloud: 'first-party',
  AsyncAnthropicGoogleCloud: 'first-party',
  AnthropicBedrock: 'bedrock',
  AsyncAnthropicBedrock: 'bedrock',
  AnthropicBedrockMantle: 'bedrock',
  AsyncAnthropicBedrockMantle: 'bedrock',
  AnthropicVertex: 'vertex',
  AsyncAnthropicVertex: 'vertex',
  AnthropicAWS: 'aws',
  AsyncAnthropicAWS: 'aws',
  AnthropicFoundry: 'foundry',
  AsyncAnthropicFoundry: 'foundry',
};

/** Names too generic to trust unless imported from an `anthropic` module or qualified by it. */
export const AMBIGUOUS_CLIENT_NAMES = new Set(['Client', 'AsyncClient']);

/** Messages-resource methods that send a request, by method name. */
export const MESSAGE_METHODS: Record<string, RequestMethod> = {
  create: 'create',
  stream: 'stream',
  count_tokens: 'count_tokens',
  parse: 'parse',
  tool_runner: 'other',
};

/** Chain segments that return the same resource (`client.messages.with_raw_response.create`). */
export const RESPONSE_WRAPPERS = new Set(['with_raw_response', 'with_streaming_response']);
/** Client methods returning a configured copy of the client (`client.with_options(timeout=5).messages`). */
export const CLIENT_COPIES = new Set(['with_options', 'copy']);

/** Per-request SDK options: not API parameters (extra_body's entries are merged into params instead). */
export const REQUEST_OPTIONS = new Set(['extra_headers', 'extra_query', 'extra_body', 'timeout']);

/** Constructors whose instances are look-alikes: a `.messages.create` on them is not a Claude request. */
export const NON_CLAUDE_CONSTRUCTORS = /^(OpenAI|AsyncOpenAI|AzureOpenAI|AsyncAzureOpenAI|Groq|AsyncGroq|Mistral|Cohere|ClientV2|Together|Fireworks|genai\.Client|Mock|MagicMock|AsyncMock|NonCallableMock|create_autospec|patch|FakeClient|Fake\w*|Stub\w*|Dummy\w*)$/;

/** Environment lookups whose second argument is the default value. */
export const ENV_LOOKUPS = /^(os\.environ\.get|os\.getenv|environ\.get|getenv|os\.environ\.setdefault)$/;

/** Values `x.stop_reason` is compared with are gathered per if/elif chain or match statement. */
export const STOP_REASON = 'stop_reason';

/** HTTP client calls that can carry a Messages API request body. */
export const HTTP_METHODS = new Set(['post', 'request', 'stream', 'build_request']);

/** Platform from a raw HTTP URL. */
export function platformOfUrl(url: string): Platform {
  if (/bedrock-mantle\.|bedrock-runtime\./.test(url)) return 'bedrock';
  if (/aws-external-anthropic\./.test(url)) return 'aws';
  if (/aiplatform\.googleapis\.com/.test(url)) return 'vertex';
  if (/services\.ai\.azure\.com/.test(url)) return 'foundry';
  if (/api\.anthropic\.com/.test(url)) return 'first-party';
  return 'unknown';
}
