// Writes test/vectors/lift.json. Run deliberately, after a reviewed encoding change:
//   npm run build && node dist/test/vectors/make-lift-vectors.js
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildLiftVectors } from './lift-build.js'

const file = join(process.cwd(), 'test', 'vectors', 'lift.json')
await writeFile(file, JSON.stringify(await buildLiftVectors(), null, 2) + '\n')
process.stdout.write(`wrote ${file}\n`)
