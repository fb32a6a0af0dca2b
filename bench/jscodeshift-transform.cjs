// The bench's jscodeshift reference (never a dependency: bench/run.mjs installs jscodeshift on demand).
// Does to `client.messages.create({...})` calls what `claude-migrate apply --target claude-opus-4-7`
// does on the bench's TypeScript repo: old model ID → claude-opus-4-7; thinking {type: 'enabled',
// budget_tokens} → {type: 'adaptive'} plus output_config: {effort: 'high'}; temperature, top_p and
// top_k removed. Run with `--parser=ts`.
'use strict';

const TARGET = 'claude-opus-4-7';
const OLD_MODEL = /^claude-(?:3-|sonnet-4-(?:20|5)|opus-4-(?:20|1|5))/;
const SAMPLING = new Set(['temperature', 'top_p', 'top_k']);

function keyName(prop) {
  const key = prop.key;
  if (!key) return undefined;
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral' || key.type === 'Literal') return String(key.value);
  return undefined;
}

function isStringLiteral(node) {
  return node && (node.type === 'StringLiteral' || (node.type === 'Literal' && typeof node.value === 'string'));
}

module.exports = function transform(file, api) {
  const j = api.jscodeshift;
  const root = j(file.source);
  let changed = false;
  root
    .find(j.CallExpression, { callee: { type: 'MemberExpression', property: { name: 'create' }, object: { type: 'MemberExpression', property: { name: 'messages' } } } })
    .forEach((path) => {
      const params = path.node.arguments[0];
      if (!params || params.type !== 'ObjectExpression') return;
      const props = params.properties;
      for (let i = props.length - 1; i >= 0; i--) {
        const prop = props[i];
        if (prop.type !== 'ObjectProperty' && prop.type !== 'Property') continue;
        const name = keyName(prop);
        if (name === 'model' && isStringLiteral(prop.value) && OLD_MODEL.test(prop.value.value)) {
          prop.value = j.stringLiteral(TARGET);
          changed = true;
        } else if (name === 'thinking' && prop.value.type === 'ObjectExpression') {
          const inner = prop.value.properties;
          const type = inner.find((p) => keyName(p) === 'type');
          const budget = inner.find((p) => keyName(p) === 'budget_tokens');
          if (type && isStringLiteral(type.value) && type.value.value === 'enabled' && budget) {
            prop.value = j.objectExpression([j.objectProperty(j.identifier('type'), j.stringLiteral('adaptive'))]);
            if (!props.some((p) => keyName(p) === 'output_config')) {
              props.splice(i + 1, 0, j.objectProperty(j.identifier('output_config'), j.objectExpression([j.objectProperty(j.identifier('effort'), j.stringLiteral('high'))])));
            }
            changed = true;
          }
        } else if (SAMPLING.has(name)) {
          props.splice(i, 1);
          changed = true;
        }
      }
    });
  return changed ? root.toSource({ quote: 'single' }) : undefined;
};
