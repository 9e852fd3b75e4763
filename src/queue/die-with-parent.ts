/** Imported first by each sandboxed processor (workers/*.ts): the child exits when its worker dies (child-guard.ts). */
import { dieWithParent } from './child-guard.js'

dieWithParent()
