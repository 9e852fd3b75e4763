/**
 * What changed between two revisions of a plan, as JSON Patch operations (RFC 6902: `op`, `path`
 * as a JSON Pointer, `value`), each `replace` and `remove` also carrying the `old` value so that a
 * tracker can show both sides without fetching the older revision. Objects are compared key by
 * key, arrays position by position (a task inserted in the middle shows as replaces and one add).
 */
export type Change =
  | { op: 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string; old: unknown }
  | { op: 'replace'; path: string; value: unknown; old: unknown }

const pointer = (parts: (string | number)[]) => parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('')
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function diffJson(a: unknown, b: unknown, at: (string | number)[] = [], out: Change[] = []): Change[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length)
    for (let i = 0; i < n; i++) diffJson(a[i], b[i], [...at, i], out)
    for (let i = n; i < b.length; i++) out.push({ op: 'add', path: pointer([...at, i]), value: b[i] })
    // removals from the end backwards, so that the operations apply in order
    for (let i = a.length - 1; i >= n; i--) out.push({ op: 'remove', path: pointer([...at, i]), old: a[i] })
    return out
  }
  if (isObject(a) && isObject(b)) {
    for (const k of Object.keys(a)) {
      if (!(k in b)) out.push({ op: 'remove', path: pointer([...at, k]), old: a[k] })
      else diffJson(a[k], b[k], [...at, k], out)
    }
    for (const k of Object.keys(b)) if (!(k in a)) out.push({ op: 'add', path: pointer([...at, k]), value: b[k] })
    return out
  }
  if (!Object.is(a, b)) out.push({ op: 'replace', path: pointer(at), value: b, old: a })
  return out
}
