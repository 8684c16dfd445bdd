// Property: an honest operator cannot be framed. Random honest histories
// (issues into unassigned space, owner-signed transfers, splits, commitments)
// are run on the simulated operator; then every evidence an attacker could
// assemble from what the operator and the owners published — any two
// committed proofs, any selection of genuine signed records, the true
// custody history cut anywhere, any two commitments — must be refused.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { SimOperator, seeded, user } from '../helpers/evidence-fixtures.js'
import type { Signer } from '../../src/crypto/keys.js'
import { verifyEvidence } from '../../src/sortition/evidence.js'
import type { CustodyRecord, ProvenLeaf } from '../../src/sortition/evidence.js'
import { EvidenceError } from '../../src/sortition/evidence-errors.js'
import { decodeTransfer, recordKind } from '../../src/sortition/record-codec.js'
import { SPACE } from '../../src/sortition/space.js'
import { equalBytes } from '../../src/crypto/bytes.js'

const POINTS = [0n, 5n, SPACE / 16n, SPACE / 8n, SPACE / 8n + 7n, SPACE / 4n, SPACE / 3n, SPACE / 2n, SPACE - 1n]
const WIDTHS = [SPACE / 16n, SPACE / 8n, SPACE / 5n]

type Op =
  | { op: 'issue', to: number, width: number }
  | { op: 'transfer', at: number, to: number }
  | { op: 'split', at: number }
  | { op: 'commit' }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('issue' as const), to: fc.nat(3), width: fc.nat(WIDTHS.length - 1) }),
  fc.record({ op: fc.constant('transfer' as const), at: fc.nat(POINTS.length - 1), to: fc.nat(3) }),
  fc.record({ op: fc.constant('split' as const), at: fc.nat(POINTS.length - 1) }),
  fc.constant({ op: 'commit' as const })
)

interface Run { sim: SimOperator, records: Array<CustodyRecord & { custody: Uint8Array }>, snapshots: ProvenLeaf[][] }

async function run (ops: Op[], owners: Signer[], label: string): Promise<Run> {
  const sim = await SimOperator.create(await seeded(1), label)
  const records: Run['records'] = []
  const snapshots: ProvenLeaf[][] = [POINTS.map(p => sim.leafAt(p))]
  let n = 0
  for (const o of ops) {
    if (o.op === 'issue') {
      const width = WIDTHS[o.width]
      const free = [...sim.tree.entries()].find(e => e.leaf.owner.kind === 'unassigned' && e.region.hi - e.region.lo >= width)
      if (free != null) records.push(await sim.issue(user(owners[o.to]), free.region.lo, free.region.lo + width, `${label} issue ${n++}`))
    } else if (o.op === 'transfer') {
      const found = sim.tree.find(POINTS[o.at])
      if (found.leaf.owner.kind !== 'user') continue
      const owner = owners.find(s => equalBytes(s.publicKey, (found.leaf.owner as any).publicKey))!
      records.push(await sim.transfer(owner, POINTS[o.at], user(owners[o.to]), `${label} transfer ${n++}`))
    } else if (o.op === 'split') {
      const found = sim.tree.find(POINTS[o.at])
      const mid = (found.region.lo + found.region.hi) / 2n
      if (found.leaf.owner.kind === 'user' && mid > found.region.lo) sim.split(mid)
    } else {
      await sim.commit()
      snapshots.push(POINTS.map(p => sim.leafAt(p)))
    }
  }
  await sim.commit()
  snapshots.push(POINTS.map(p => sim.leafAt(p)))
  return { sim, records, snapshots }
}

/** The true custody history of a custody, oldest first, from the published records. */
function history (records: Run['records'], custody: Uint8Array): Run['records'] {
  const out: Run['records'] = []
  let c: Uint8Array | undefined = custody
  while (c != null) {
    const r = records.find(x => equalBytes(x.custody, c!))
    if (r == null) break
    out.unshift(r)
    c = recordKind(r.signingBytes) === 'transfer' ? decodeTransfer(r.signingBytes).custody : undefined
  }
  return out
}

function custodyOf (p: ProvenLeaf): Uint8Array | undefined {
  const b = p.proof
  return b[1] === 1 || b[1] === 2 || b[1] === 3 ? b.slice(34, 66) : undefined
}

const seen = new Map<string, number>()

async function refused (e: Parameters<typeof verifyEvidence>[0], what: string): Promise<void> {
  try {
    const f = await verifyEvidence(e)
    assert.fail(`an honest operator was framed (${what}): ${f.kind} ${f.ground ?? ''} ${f.detail}`)
  } catch (err) {
    if (!(err instanceof EvidenceError)) throw err
    seen.set(err.code, (seen.get(err.code) ?? 0) + 1)
  }
}

describe('evidence: an honest operator cannot be framed (random histories)', function () {
  this.timeout(120_000)
  let owners: Signer[]

  before(async () => {
    owners = await Promise.all([11, 12, 13, 14].map(seeded))
  })

  it('no evidence built from an honest history verifies', async () => {
    let attempts = 0
    let runs = 0
    await fc.assert(fc.asyncProperty(
      fc.array(opArb, { minLength: 1, maxLength: 24 }),
      fc.array(fc.tuple(fc.nat(40), fc.nat(40), fc.nat(POINTS.length - 1), fc.nat(POINTS.length - 1), fc.array(fc.nat(60), { maxLength: 5 }), fc.nat(8)), { minLength: 12, maxLength: 12 }),
      async (ops, picks) => {
        // most space is sold early, so the later moves have owners to move
        const start: Op[] = [{ op: 'issue', to: 0, width: 2 }, { op: 'issue', to: 1, width: 1 }, { op: 'issue', to: 2, width: 2 }, { op: 'commit' }]
        const r = await run([...start, ...ops], owners, `run ${runs++}`)
        const heights = r.snapshots.length
        for (const [a, b, p1, p2, pick, cut] of picks) {
          // mostly an earlier and a later height at the same point; sometimes anything
          const wild = cut === 8
          const h1 = wild ? a % heights : 1 + a % (heights - 2)
          const h2 = wild ? b % heights : h1 + 1 + b % (heights - h1 - 1)
          const before = r.snapshots[h1][p1]
          const after = r.snapshots[h2][wild || p2 % 3 === 0 ? p2 : p1]
          const base = { kind: 'UNAUTHORISED_MOVE' as const, chain: r.sim.chain, before, after }
          // any selection of published records
          const chosen = r.records.length === 0 ? [] : pick.map(i => r.records[i % r.records.length])
          await refused({ ...base, records: chosen }, `h${h1}→h${h2} chosen records`)
          // the true history of the later custody, cut anywhere
          const c2 = custodyOf(after)
          if (c2 != null) {
            const h = history(r.records, c2)
            await refused({ ...base, records: h.slice(Math.min(cut, h.length)) }, `h${h1}→h${h2} true history`)
            await refused({ ...base, records: h }, `h${h1}→h${h2} whole history`)
          }
          await refused({ ...base, records: [] }, `h${h1}→h${h2} no records`)
          // two commitments of the honest chain
          await refused({ kind: 'DOUBLE_COMMITMENT', chain: r.sim.chain, first: r.sim.commitments[a % r.sim.commitments.length], second: r.sim.commitments[b % r.sim.commitments.length] }, 'two commitments')
          await refused({ kind: 'AFTER_TRADING_END', chain: r.sim.chain, commitment: r.sim.commitments[a % r.sim.commitments.length] }, 'after trading end')
          attempts += 5
        }
      }
    ), { numRuns: 25, seed: 20260101 })
    assert.ok(attempts >= 25 * 12 * 4)
    // the attempts reached the interesting refusals, not only shape errors
    for (const c of ['NOT_FRAUD', 'BROKEN_CUSTODY', 'NO_OVERLAP', 'HEIGHT_ORDER', 'HEIGHT_MISMATCH', 'SAME_COMMITMENT', 'NOT_AFTER_END']) {
      assert.ok((seen.get(c) ?? 0) > 0, `no attempt was refused with ${c}: ${JSON.stringify([...seen])}`)
    }
  })
})
