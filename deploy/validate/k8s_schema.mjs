// Validates Kubernetes objects against the API schemas shipped in the npm package
// `kubernetes-models` (Kubernetes' OpenAPI, compiled to ajv validators: types, required fields,
// enums, formats), and -- which those validators do not do -- rejects fields the API does not
// have (a kubeconform-style "strict" check), using the package's type declarations.
//
//   node k8s_schema.mjs TOOLS_DIR OBJECTS.json
// TOOLS_DIR holds node_modules/kubernetes-models; OBJECTS.json is a JSON array of
// {"file": ..., "object": {...}}. Prints one line per problem; exits 1 if there was any.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [toolsDir, objectsFile] = process.argv.slice(2);
const modelsDir = join(toolsDir, "node_modules", "kubernetes-models");
const machineryDir = join(toolsDir, "node_modules", "@kubernetes-models", "apimachinery");

// Interface name (local or the global IIoK8s... alias) -> its body text.
const bodies = new Map();
function matching(text, open) {  // index of the brace/bracket closing the one at `open`
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{" || text[i] === "<") depth++;
    else if (text[i] === "}" || text[i] === ">") { if (--depth === 0) return i; }
  }
  return -1;
}
function readDeclarations(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "_schemas" && entry.name !== "node_modules") readDeclarations(path);
      continue;
    }
    if (!entry.name.endsWith(".d.ts")) continue;
    const text = readFileSync(path, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/=>/g, "->");
    const local = new Map();
    for (const m of text.matchAll(/export interface (\w+)[^{]*\{/g)) {
      const open = m.index + m[0].length - 1;
      local.set(m[1], text.slice(open + 1, matching(text, open)));
    }
    const aliases = text.match(/export type \{([^}]*)\}/);
    if (aliases) {
      for (const part of aliases[1].split(",")) {
        const a = part.trim().match(/^(\w+) as (\w+)$/);
        if (a && local.has(a[1])) bodies.set(a[2], local.get(a[1]));
      }
    }
  }
}
readDeclarations(modelsDir);
if (existsSync(machineryDir)) readDeclarations(machineryDir);

// The fields of an object body: { name: type text }, or a map's value type.
function parseBody(body) {
  const fields = {};
  let i = 0;
  while (i < body.length) {
    const rest = body.slice(i);
    const field = rest.match(/^\s*"([^"]+)"\??:\s*/) || rest.match(/^\s*\[key: string\]:\s*/);
    if (!field) { i++; continue; }
    let j = i + field[0].length, depth = 0;
    for (; j < body.length; j++) {
      const c = body[j];
      if (c === "{" || c === "<" || c === "(") depth++;
      else if (c === "}" || c === ">" || c === ")") depth--;
      else if (c === ";" && depth === 0) break;
    }
    const type = body.slice(i + field[0].length, j).trim();
    if (field[1] === undefined) return { map: parseType(type) };
    fields[field[1]] = type;
    i = j + 1;
  }
  return { fields };
}
const cache = new Map();
function parseType(text) {
  if (cache.has(text)) return cache.get(text);
  let type = { scalar: true };
  const array = text.match(/^Array<([\s\S]*)>$/);
  if (array) type = { array: array[1] };
  else if (text.startsWith("{")) type = parseBody(text.slice(1, matching(text, 0)));
  else if (/^I\w+$/.test(text) && bodies.has(text)) type = parseBody(bodies.get(text));
  cache.set(text, type);
  return type;
}

function strict(value, type, path, problems) {
  if (value === null || value === undefined || type.scalar) return;
  if (type.array !== undefined) {
    if (Array.isArray(value)) value.forEach((v, i) => strict(v, parseType(type.array), `${path}[${i}]`, problems));
  } else if (type.map) {
    if (typeof value === "object") for (const [k, v] of Object.entries(value)) strict(v, type.map, `${path}.${k}`, problems);
  } else if (type.fields) {
    if (typeof value !== "object" || Array.isArray(value)) return;  // the schema check reports it
    for (const [k, v] of Object.entries(value)) {
      if (!(k in type.fields)) problems.push(`${path || "(top level)"}: unknown field "${k}"`);
      else strict(v, parseType(type.fields[k]), path ? `${path}.${k}` : k, problems);
    }
  }
}

const items = JSON.parse(readFileSync(objectsFile, "utf8"));
let failures = 0, checked = 0;
for (const { file, object } of items) {
  const where = `${file}: ${object.kind}/${object.metadata?.name}`;
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : ["", object.apiVersion];
  const modelFile = join(modelsDir, group || "", version, `${object.kind}.js`);
  if (!existsSync(modelFile)) {
    console.log(`${where}: no schema for ${object.apiVersion} ${object.kind} (not a built-in API?)`);
    failures++;
    continue;
  }
  const module = await import(pathToFileURL(modelFile).href);
  const Model = module[object.kind];
  const problems = [];
  try {
    new Model(object).validate();
  } catch (e) {
    problems.push(...String(e.message).split(/,\s*(?=data)/).map((m) => m.trim()));
  }
  // The object's interface, by its global name (local names repeat across API versions).
  const declarations = readFileSync(modelFile.replace(/\.js$/, ".d.ts"), "utf8");
  const local = declarations.match(/export interface (\w+)/)[1];
  const global = declarations.match(new RegExp(`\\b${local} as (\\w+)`));
  strict(object, parseType(global ? global[1] : local), "", problems);
  checked++;
  for (const p of problems) console.log(`${where}: ${p}`);
  if (problems.length) failures++;
}
console.log(`kubernetes schema: ${checked} object(s) checked against kubernetes-models, ${failures} with problems`);
process.exit(failures ? 1 : 0);
