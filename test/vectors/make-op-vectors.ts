// Builds the operation-log vectors from fixed seeds: every kind of operation
// (issue, transfer, split by point and by predicate, child commitment) in its
// canonical encoding, and the heights a follower replays them into (roots,
// changes digests, child commitments). test/unit/op-log.spec.ts checks the
// implementation against test/vectors/op.json and that this builder still
// produces it. Write the file deliberately, after a reviewed change:
//   npm run build && node dist/test/vectors/make-op-vectors.js
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { toHex } from '../../src/crypto/bytes.js'
import { sha256 } from '../../src/crypto/hash.js'
import { chainToJson } from '../../src/sortition/chain.js'
import type { ChainJson } from '../../src/sortition/chain.js'
import { commitmentToJson } from '../../src/sortition/commitment.js'
import type { CommitmentJson } from '../../src/sortition/commitment.js'
import { SPACE } from '../../src/sortition/space.js'
import type { Predicate } from '../../src/sortition/predicate.js'
import { chainCid } from '../../src/net/chain-providers.js'
import { ChainBuilder } from '../helpers/chain-builder.js'
import { seededSigner, OPERATOR_SEED, OWNER_SEED } from './make-chain-vectors.js'

export const OWNER2_SEED = '0707070707070707070707070707070707070707070707070707070707070707'

export interface OpVectors {
  about: string
  chain: ChainJson
  /** the chain's DHT provider key: CIDv1, raw codec, the chain id as a sha2-256 multihash (base32) */
  providerCid: string
  ops: Record<'issue' | 'transfer' | 'splitPoint' | 'splitPredicate' | 'child', string>
  heights: Array<{ commitment: CommitmentJson, ops: string[] }>
}

export async function buildOpVectors (): Promise<OpVectors> {
  const op = await seededSigner(OPERATOR_SEED)
  const owner = await seededSigner(OWNER_SEED)
  const owner2 = await seededSigner(OWNER2_SEED)
  const b = await ChainBuilder.create(op)
  const childId = sha256(new TextEncoder().encode('child chain'))
  const red: Predicate = { kind: 'oracle', oracle: op.publicKey, question: 'colour?', outcome: 'red' }
  const root = { lo: 0n, conditions: [] }
  // height 1: two issues, one to a user, one to a child chain
  const issue = await b.issue({ kind: 'user', publicKey: owner.publicKey }, 0n, SPACE / 4n)
  await b.issue({ kind: 'child', chainId: childId }, SPACE / 4n, SPACE / 2n)
  await b.commit()
  // height 2: a transfer, a point split by the new owner, the child's commitment
  const transfer = await b.transfer(owner, root, { kind: 'user', publicKey: owner2.publicKey })
  const splitPoint = await b.split(owner2, root, { kind: 'point', at: SPACE / 8n })
  const child = b.child({ lo: SPACE / 4n, conditions: [] }, childId, sha256(new TextEncoder().encode('child commitment 1')))
  await b.commit()
  // height 3: a predicate split; an issue split by a predicate within the same height
  const splitPredicate = await b.split(owner2, { lo: SPACE / 8n, conditions: [] }, { kind: 'predicate', predicate: red })
  await b.issue({ kind: 'user', publicKey: owner.publicKey }, SPACE / 2n, SPACE / 2n + SPACE / 16n)
  await b.split(owner, { lo: SPACE / 2n, conditions: [] }, { kind: 'predicate', predicate: red })
  await b.commit()
  return {
    about: 'sortlift sortition operation log: canonical operations and the heights they replay into (PROTOCOL.md §8, docs-sync.md)',
    chain: chainToJson(b.chain),
    providerCid: chainCid(b.chain.id).toString(),
    ops: { issue: toHex(issue), transfer: toHex(transfer), splitPoint: toHex(splitPoint), splitPredicate: toHex(splitPredicate), child: toHex(child) },
    heights: b.heights.map(h => ({ commitment: commitmentToJson(h.commitment), ops: h.ops.map(toHex) }))
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(process.cwd(), 'test', 'vectors', 'op.json')
  await writeFile(out, JSON.stringify(await buildOpVectors(), null, 2) + '\n')
  process.stdout.write(`wrote ${out}\n`)
}
