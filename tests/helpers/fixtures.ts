import { readFileSync } from 'node:fs'
import path from 'node:path'

export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures')
export const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(FIXTURES, name)))
export const fixtureText = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8')
