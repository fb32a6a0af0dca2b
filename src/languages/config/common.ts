// Small helpers shared by the config, shell and Markdown adapters.
import type { EditIntent, Range, RequestView } from '../types.js';
import { fieldOf } from './payload.js';

export function inRange(r: Range, offset: number): boolean {
  return offset >= r.start && offset < r.end;
}

export function within(outer: Range, inner: Range): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** The range an intent acts on: used to find the embedded document (body, block, line) that renders it. */
export function intentAnchor(intent: EditIntent): Range {
  switch (intent.kind) {
    case 'replace':
      return intent.range;
    case 'set-value':
    case 'remove-definition':
      return intent.value.range;
    case 'remove-field':
      return intent.field.range;
    case 'add-field':
      return intent.container.range;
    case 'remove-element':
      return intent.element.range;
    case 'rename-call':
      return intent.request.range;
    case 'insert-comment':
    case 'add-alongside':
      return { start: intent.at, end: intent.at };
  }
}

/** Ranges of the requests' `model` values: an occurrence there is the model a request is sent with. */
export function modelRanges(requests: RequestView[]): Range[] {
  return requests.flatMap((r) => {
    const m = fieldOf(r.params, 'model')?.value;
    return m ? [m.range] : [];
  });
}

/**
 * Keys that name the record they sit in (`- id: claude-opus-4-5`, `[[models]] name = …`): a model ID
 * there is the identity of a record in a list of model records (a registry), not a setting that uses
 * a model (`model: …`, Kubernetes `value: …`), so the list, not the record, is its collection.
 */
export const RECORD_IDENTITY_KEY = /^(id|name|model[_-]?id|modelId|slug)$/i;

/** Keys of a model record's aliases: a copy made for a new model leaves them behind (aliases name one model). */
export const ALIAS_KEY = /^alias(es)?$/i;
