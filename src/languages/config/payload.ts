// Messages API request bodies found in data: a stored payload file (JSON/YAML/JSONL), a curl body,
// a batch body (`requests: [{custom_id, params}]`) or JSONL batch line (`{custom_id, params}`).
import type { FieldView, HeaderView, LanguageId, Platform, RequestMethod, RequestView, ValueView } from '../types.js';

export function fieldOf(v: ValueView | undefined, key: string): FieldView | undefined {
  return v?.fields?.find((f) => f.key === key);
}

/** An object that reads as a Messages request body: `model` and `messages`. */
export function isRequestBody(v: ValueView | undefined): boolean {
  return v?.kind === 'object' && !!fieldOf(v, 'model') && !!fieldOf(v, 'messages');
}

export interface PayloadOptions {
  language: LanguageId;
  kind: 'payload' | 'http';
  platform: Platform;
  headers?: HeaderView[];
  /** http: the endpoint decides the method; payload files: `create` (or `batch` for batch lines). */
  method?: RequestMethod;
}

function request(params: ValueView, opts: PayloadOptions, method: RequestMethod): RequestView {
  const headers = opts.headers ?? [];
  const stream = fieldOf(params, 'stream')?.value.literal === true;
  return {
    language: opts.language,
    kind: opts.kind,
    method,
    // Raw HTTP has no beta namespace: an `anthropic-beta` header (or a stored `betas` list) is its equivalent.
    beta: headers.some((h) => h.name === 'anthropic-beta') || !!fieldOf(params, 'betas'),
    platform: opts.platform,
    range: params.range,
    params,
    headers,
    streaming: stream,
  };
}

/** The `params` objects of a batch body (`{"requests": [{"custom_id", "params"}]}`) or batch line. */
function batchParams(v: ValueView): ValueView[] {
  const own = fieldOf(v, 'params')?.value;
  if (own?.kind === 'object' && fieldOf(v, 'custom_id')) return [own];
  const reqs = fieldOf(v, 'requests')?.value;
  if (reqs?.kind !== 'array') return [];
  return (reqs.elements ?? []).map((e) => fieldOf(e, 'params')?.value).filter((p): p is ValueView => p?.kind === 'object');
}

/**
 * Requests in a parsed document. Stored payloads need `model` + `messages` (anything else is
 * configuration); an http body sent to the Messages endpoint is a request whatever its fields.
 */
export function payloadRequests(root: ValueView | undefined, opts: PayloadOptions): RequestView[] {
  if (!root) return [];
  const batch = batchParams(root);
  if (batch.length) return batch.map((p) => request(p, opts, 'batch'));
  if (opts.kind === 'http' && root.kind === 'object') return [request(root, opts, opts.method ?? 'create')];
  if (isRequestBody(root)) return [request(root, opts, opts.method ?? 'create')];
  if (root.kind === 'array') return (root.elements ?? []).flatMap((e) => (isRequestBody(e) || batchParams(e).length ? payloadRequests(e, opts) : []));
  return [];
}

/** Tool definitions in a request's `tools` array. */
export function toolsOf(requests: RequestView[]): ValueView[] {
  return requests.flatMap((r) => (fieldOf(r.params, 'tools')?.value.elements ?? []).filter((t) => t.kind === 'object'));
}
