// Distributed lifts under faults and hostile input (DESIGN §5 invariants):
// per node all of a lift's chits end good or all void, the relay nets zero,
// both halves identical, nothing reserved once decided, value conserved.
import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SortliftNode, NodeOptions } from '../../src/node/node.js'
import { startLine, stopLine } from '../helpers/line.js'
import type { Line } from '../helpers/line.js'
import { startNode, connect, waitFor, cleanupDirs } from '../helpers/nodes.js'
import { assertSettled, netOf, addressOf } from '../helpers/tallies.js'
import type { Member } from '../helpers/tallies.js'
import { dbSnapshot } from '../helpers/db.js'
import { RequestClient } from '../../src/net/reqresp.js'
import { LIFT_PROTOCOL, LIFT_LIMITS } from '../../src/net/protocols.js'
import { LiftRequest, LiftResponse, LiftCode, Instructions } from '../../protos/lift.js'
import type { Proposal } from '../../protos/lift.js'
import { decisionSigningBytes, promiseSigningBytes } from '../../src/lift/encoding.js'
import { publicKeyOf } from '../../src/lift/commit.js'
import { seal } from '../../src/crypto/seal.js'
import { fromHex, randomBytes } from '../../src/crypto/bytes.js'
import type { LiftView } from '../../src/lift/record.js'

const TIMEOUT_MS = 1_500

/** The line with lifts timing out after 1.5 s; `b`/`c` options for the relay and the payee. */
async function line (bExtra: Partial<NodeOptions> = {}, cExtra: Partial<NodeOptions> = {}): Promise<Line> {
  return await startLine([{ liftTimeoutMs: TIMEOUT_MS }, { liftTimeoutMs: TIMEOUT_MS, ...bExtra }, { liftTimeoutMs: TIMEOUT_MS, ...cExtra }])
}

const stopAll = stopLine

const m = (node: SortliftNode, user: string): Member => ({ node, user })

/** Every node ends the lift in one state; tallies settled; nets as given. */
async function assertOutcome (l: Line, id: string, state: 'good' | 'void', nets: bigint[]): Promise<void> {
  await waitFor(async () => {
    const states = await Promise.all([l.a, l.b, l.c].map(async n => await n.lifts.show(id).then(v => v.state, () => 'absent')))
    return states.every(s => s === state || s === 'absent') && states.filter(s => s === state).length >= 2
  }, `every node to hold lift ${id} ${state}`, 15_000)
  await assertSettled(m(l.b, 'bob'), m(l.a, 'alice'), l.t1)
  await assertSettled(m(l.c, 'carol'), m(l.b, 'bob'), l.t2)
  assert.deepEqual([await netOf(m(l.a, 'alice')), await netOf(m(l.b, 'bob')), await netOf(m(l.c, 'carol'))], nets)
}

describe('distributed lifts under faults', function () {
  this.timeout(60_000)
  afterEach(cleanupDirs)

  it('a relay that vanishes right after promising learns the decision when it returns; nobody loses value', async () => {
    const l = await line({ onFailpoint: () => { void l.b.stop() } })
    try {
      await writeFile(join(l.dirs[1], 'failpoints'), 'exit-after-promise\n')
      const out = await l.a.lifts.pay({ from: 'alice', to: addressOf(m(l.c, 'carol')), units: 2_000n })
      assert.equal(out.route, 'lift')
      assert.equal(out.route === 'lift' ? out.state : '', 'good', 'every node promised before the relay vanished')
      await waitFor(() => l.b.host.status === 'stopped', 'the relay to be gone')
      await l.b.stop() // the same stop: resolves once the data directory is released
      l.b = await startNode(l.dirs[1], [], { liftTimeoutMs: TIMEOUT_MS })
      await connect(l.b, l.a)
      await connect(l.b, l.c)
      await assertOutcome(l, (out as LiftView).id, 'good', [-2_000n, 0n, 2_000n])
    } finally {
      await stopAll(l)
    }
  })

  it('a payee node offline through the whole decision applies it when it returns', async () => {
    let stopped: Promise<void> | undefined
    const l = await line({}, { onFailpoint: () => { stopped = l.c.stop() } })
    try {
      await writeFile(join(l.dirs[2], 'failpoints'), 'exit-after-promise\n')
      const out = await l.a.lifts.pay({ from: 'alice', to: addressOf(m(l.c, 'carol')), units: 3_000n, memo: 'while you were out' }) as LiftView
      assert.equal(out.state, 'good')
      await waitFor(async () => (await l.b.lifts.show(out.id)).state === 'good', 'the relay to apply good')
      // the stopped node must have released its data directory before it starts again
      await waitFor(() => stopped != null, 'the failpoint to fire')
      await stopped
      l.c = await startNode(l.dirs[2], [], { liftTimeoutMs: TIMEOUT_MS })
      await connect(l.c, l.b)
      await connect(l.c, l.a)
      await assertOutcome(l, out.id, 'good', [-3_000n, 0n, 3_000n])
      assert.equal((await l.c.lifts.show(out.id)).memo, 'while you were out')
    } finally {
      await stopAll(l)
    }
  })

  it('a referee stopped before deciding voids the lift when it returns; the others wait for it, not for a timer', async () => {
    const l = await line()
    try {
      // The referee goes down as the promises arrive, before it can decide.
      const commit = l.a.lifts.commit!
      const original = commit.handleLiftRequest.bind(commit)
      let stopping: Promise<void> | undefined
      commit.handleLiftRequest = async (remote, req) => {
        if (req.promise != null) {
          stopping ??= new Promise(resolve => setImmediate(resolve)).then(async () => await l.a.stop())
          return { code: LiftCode.LIFT_INTERNAL, message: 'going down' }
        }
        return await original(remote, req)
      }
      void l.a.lifts.pay({ from: 'alice', to: addressOf(m(l.c, 'carol')), units: 1_000n }).catch(() => {})
      await waitFor(() => stopping != null, 'a promise to reach the referee')
      await stopping
      const [pending] = await l.b.lifts.list()
      assert.equal(pending.state, 'pend')
      // Past the deadline the relay and payee still hold it pending: only the referee decides.
      await waitFor(() => Date.now() > pending.deadline + 1_500, 'the deadline to pass', 10_000)
      assert.equal((await l.b.lifts.show(pending.id)).state, 'pend')
      assert.equal((await l.c.lifts.show(pending.id)).state, 'pend')
      l.a = await startNode(l.dirs[0], [], { liftTimeoutMs: TIMEOUT_MS })
      await connect(l.a, l.b)
      await connect(l.a, l.c)
      await assertOutcome(l, pending.id, 'void', [0n, 0n, 0n])
      assert.match((await l.b.lifts.show(pending.id)).reason ?? '', /deadline/)
    } finally {
      await stopAll(l)
    }
  })

  it('many lifts competing for one path never commit more than it carries', async () => {
    const l = await line()
    try {
      const outs = await Promise.allSettled(Array.from({ length: 8 }, async () => await l.a.lifts.pay({ from: 'alice', to: addressOf(m(l.c, 'carol')), units: 3_000n })))
      const good = outs.filter(o => o.status === 'fulfilled' && o.value.route === 'lift' && o.value.state === 'good').length
      assert.ok(good >= 1 && good <= 3, `${good} lifts of 3.000 went through a path carrying 10.000`)
      for (const o of outs) {
        if (o.status === 'rejected') assert.match(String(o.reason?.code), /NO_CAPACITY|NO_ROUTE/)
      }
      for (const n of [l.a, l.b, l.c]) {
        await waitFor(async () => (await n.lifts.list()).every(x => x.state === 'good' || x.state === 'void'), 'every lift decided')
      }
      await assertSettled(m(l.b, 'bob'), m(l.a, 'alice'), l.t1)
      await assertSettled(m(l.c, 'carol'), m(l.b, 'bob'), l.t2)
      const moved = BigInt(good) * 3_000n
      assert.deepEqual([await netOf(m(l.a, 'alice')), await netOf(m(l.b, 'bob')), await netOf(m(l.c, 'carol'))], [-moved, 0n, moved])
    } finally {
      await stopAll(l)
    }
  })
})

describe('distributed lifts: hostile input', function () {
  this.timeout(60_000)
  let l: Line
  let id: string
  let proposalToB: Proposal | undefined

  async function send (from: SortliftNode, to: SortliftNode, req: LiftRequest): Promise<LiftResponse> {
    const client = new RequestClient<LiftRequest, LiftResponse>(from.host, LIFT_PROTOCOL, { request: LiftRequest, response: LiftResponse }, LIFT_LIMITS)
    try {
      return await client.request(to.peerId, req)
    } finally {
      client.close()
    }
  }

  /** The request is refused with `code`, `to` stores nothing, and the sender is penalised. */
  async function refused (from: SortliftNode, to: SortliftNode, req: LiftRequest, code: LiftCode): Promise<void> {
    const before = await dbSnapshot(to)
    const penalty = to.liftNet.penaltyOf(from.peerId)
    const res = await send(from, to, req)
    assert.equal(res.code, code, res.message)
    assert.deepEqual(await dbSnapshot(to), before, 'nothing stored')
    if (code !== LiftCode.LIFT_DUPLICATE) assert.equal(to.liftNet.penaltyOf(from.peerId), penalty + 1, 'the sender is penalised')
  }

  before(async () => {
    l = await line()
    const originalRequest = l.a.liftNet.request.bind(l.a.liftNet)
    l.a.liftNet.request = async (peer, req, signal) => {
      if (req.proposal != null && peer === l.b.peerId) proposalToB = req.proposal
      return await originalRequest(peer, req, signal)
    }
    const out = await l.a.lifts.pay({ from: 'alice', to: addressOf(m(l.c, 'carol')), units: 1_000n }) as LiftView
    assert.equal(out.state, 'good')
    id = out.id
    await waitFor(async () => (await l.c.lifts.show(id)).state === 'good', 'the payee to apply the lift')
    await assertSettled(m(l.b, 'bob'), m(l.a, 'alice'), l.t1)
    await assertSettled(m(l.c, 'carol'), m(l.b, 'bob'), l.t2)
  })
  after(async () => {
    await stopAll(l)
    await cleanupDirs()
  })

  it('refuses a replayed proposal', async () => {
    assert.ok(proposalToB != null)
    await refused(l.a, l.b, { proposal: proposalToB }, LiftCode.LIFT_DUPLICATE)
  })

  it('refuses an envelope sealed to another node', async () => {
    const liftId = randomBytes(16)
    const deadline = BigInt(Date.now() + 5_000)
    const instr = Instructions.encode({ liftId, handle: randomBytes(16), unitsIn: 1n, unitsOut: 1n, fee: 0n, prev: l.a.peerId, next: l.c.peerId, deadline, memo: '', reference: '' })
    const env = seal(publicKeyOf(l.c.peerId), instr, liftId) as Uint8Array<ArrayBuffer>
    await refused(l.a, l.b, { proposal: { liftId, referee: l.a.peerId, deadline, envelopes: [env] } }, LiftCode.LIFT_BAD_ENVELOPE)
  })

  it('refuses a forged promise', async () => {
    const promise = { liftId: fromHex(id), peer: l.b.peerId, envelopeHash: new Uint8Array(32), unitsIn: 1_000n, unitsOut: 1_000n, signature: new Uint8Array(64) }
    promise.signature = new Uint8Array(64).fill(7)
    assert.ok(promiseSigningBytes(promise).length > 0)
    await refused(l.b, l.a, { promise }, LiftCode.LIFT_BAD_SIGNATURE)
  })

  it('refuses a forged decision and a decision from a node that is not the referee', async () => {
    const forged = { liftId: fromHex(id), good: false, time: BigInt(Date.now()), reason: 'forged', referee: l.a.peerId, signature: new Uint8Array(64).fill(9) }
    await refused(l.c, l.b, { decision: forged }, LiftCode.LIFT_BAD_SIGNATURE)
    // Validly signed, by the wrong node.
    const impostor = { liftId: fromHex(id), good: false, time: BigInt(Date.now()), reason: 'mine', referee: l.c.peerId, signature: new Uint8Array() }
    impostor.signature = await (l.c.lifts.commit as any).o.nodeSigner.sign(decisionSigningBytes(impostor))
    await refused(l.c, l.b, { decision: impostor }, LiftCode.LIFT_NOT_REFEREE)
    assert.equal((await l.b.lifts.show(id)).state, 'good', 'the lift stays as the referee decided')
  })

  it('answers malformed protobuf with LIFT_MALFORMED and keeps serving', async () => {
    const client = new RequestClient<Uint8Array, LiftResponse>(l.a.host, LIFT_PROTOCOL, { request: { encode: (b: Uint8Array) => b, decode: (b: any) => b }, response: LiftResponse }, LIFT_LIMITS)
    try {
      const res = await client.request(l.b.peerId, Uint8Array.of(0xff, 0xff, 0xff))
      assert.equal(res.code, LiftCode.LIFT_MALFORMED)
    } finally {
      client.close()
    }
    const q = await send(l.a, l.b, { query: { liftId: fromHex(id) } })
    assert.equal(q.code, LiftCode.LIFT_OK)
    assert.equal(q.decision?.good, true)
  })
})
