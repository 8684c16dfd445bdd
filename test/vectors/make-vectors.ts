// Writes test/vectors/tally.json. Run deliberately, after a reviewed encoding change:
//   npm run build && node dist/test/vectors/make-vectors.js
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildVectors } from './build.js'

const file = join(process.cwd(), 'test', 'vectors', 'tally.json')
await writeFile(file, JSON.stringify(await buildVectors(), null, 2) + '\n')
process.stdout.write(`wrote ${file}\n`)
