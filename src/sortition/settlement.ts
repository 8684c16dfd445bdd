// Settlement of sortition chains, the pure part: the draw, how predicates are
// decided at settlement, and which leaf wins — in one tree, along a proof, and
// across nested layers of chains. No disk, no network.
//
// Draw: d = SHA-256(randomness 32 ‖ chain id 32) read as a big-endian 256-bit
// point, where randomness = SHA-256(beacon signature) of the chain's beacon
// round. Each chain, nested or not, draws with its own id (and its own round).
//
// Winner: the leaf reached from the root going left at a probability split
// iff d < p, and at a condition split left iff the predicate is true. A
// predicate is decided at settlement by what is known:
//   always                        true
//   preimage(digest)              true once a preimage is revealed; undecided before
//   oracle(key, question, outcome) true if `key` attested (question, outcome);
//                                 false if `key` attested (question, another outcome)
//                                 and not this one; undecided if `key` said nothing
// An undecided predicate on the draw's path means the chain cannot settle yet
// (NOT_SETTLED_YET). (An oracle that signs two outcomes makes both true — the
// pair is evidence against it.)
//
// An unassigned winning leaf means the operator keeps V. A child-chain leaf
// means the child chain's operator wins V of this chain and the child settles
// the same way with its own draw: the top operator pays the middle operator,
// the middle operator pays the one below, and so on to a user.
import { sha256 } from '../crypto/hash.js'
import { toHex } from '../crypto/bytes.js'
import { POINT_LENGTH, pointFromBytes } from './space.js'
import type { Region } from './space.js'
import { Evidence } from './predicate.js'
import type { Predicate } from './predicate.js'
import { verifyAttestation } from './attestation.js'
import type { Attestation } from './attestation.js'
import type { SortitionTree, LeafInfo } from './tree.js'
import type { Leaf } from './hashing.js'
import type { Proof } from './proof.js'
import { settleFail } from './settlement-errors.js'

export const RANDOMNESS_LENGTH = 32
/** chains nested deeper than this are not followed (a cycle or an abuse) */
export const MAX_LAYERS = 64

/** The draw of a chain: SHA-256(randomness ‖ chain id) as a point of [0, 2^256). */
export function drawPoint (randomness: Uint8Array, chainId: Uint8Array): bigint {
  if (!(randomness instanceof Uint8Array) || randomness.length !== RANDOMNESS_LENGTH) settleFail('MALFORMED', 'beacon randomness must be 32 bytes')
  if (!(chainId instanceof Uint8Array) || chainId.length !== 32) settleFail('MALFORMED', 'chain id must be 32 bytes')
  const d = sha256(randomness, chainId)
  if (d.length !== POINT_LENGTH) settleFail('MALFORMED', 'digest length')
  return pointFromBytes(d)
}

function oracleKey (oracle: Uint8Array, question: string): string {
  return JSON.stringify([toHex(oracle), question])
}

/**
 * What settlement knows: verified attestations and revealed preimages, and
 * the three-valued decision of a predicate from them. It also keeps what
 * decided each predicate, so a claim can carry exactly that.
 */
export class Decisions {
  private readonly evidence = new Evidence()
  /** oracle|question → outcome → the attestation */
  private readonly answers = new Map<string, Map<string, Attestation>>()
  /** digest hex → preimage */
  private readonly preimages = new Map<string, Uint8Array>()

  /** Adds an attestation if its signature verifies; returns whether it did. */
  async addAttestation (a: Attestation): Promise<boolean> {
    if (!await verifyAttestation(a)) return false
    await this.evidence.addAttestation(a)
    const k = oracleKey(a.oracle, a.question)
    let m = this.answers.get(k)
    if (m == null) this.answers.set(k, m = new Map())
    if (!m.has(a.outcome)) m.set(a.outcome, a)
    return true
  }

  revealPreimage (preimage: Uint8Array): void {
    this.evidence.revealPreimage(preimage)
    this.preimages.set(toHex(sha256(preimage)), preimage.slice())
  }

  /** true, false, or undefined when what is known does not decide it yet. */
  decide (p: Predicate): boolean | undefined {
    switch (p.kind) {
      case 'always': return true
      case 'preimage': return this.evidence.evaluate(p) ? true : undefined
      case 'oracle': {
        if (this.evidence.evaluate(p)) return true
        const m = this.answers.get(oracleKey(p.oracle, p.question))
        return m != null && m.size > 0 ? false : undefined
      }
    }
  }

  /** The attestations and preimages that decide `p` (empty for `always`). */
  support (p: Predicate): { attestations: Attestation[], preimages: Uint8Array[] } {
    if (p.kind === 'preimage') {
      const x = this.preimages.get(toHex(p.digest))
      return { attestations: [], preimages: x != null ? [x] : [] }
    }
    if (p.kind === 'oracle') {
      const m = this.answers.get(oracleKey(p.oracle, p.question))
      if (m == null) return { attestations: [], preimages: [] }
      const own = m.get(p.outcome)
      // true: the attestation of this outcome; false: one of another outcome
      return { attestations: [own ?? m.values().next().value!], preimages: [] }
    }
    return { attestations: [], preimages: [] }
  }
}

/** A decider for SortitionTree.find/prove that refuses to guess: NOT_SETTLED_YET on an undecided predicate. */
export function strictDecider (d: Decisions): (p: Predicate) => boolean {
  return (p) => {
    const v = d.decide(p)
    if (v === undefined) settleFail('NOT_SETTLED_YET', `a condition on the draw's path is not decided yet: ${describePredicate(p)}`)
    return v
  }
}

export function describePredicate (p: Predicate): string {
  switch (p.kind) {
    case 'always': return 'always'
    case 'preimage': return `preimage of ${toHex(p.digest)}`
    case 'oracle': return `oracle ${toHex(p.oracle)} on ${JSON.stringify(p.question)} = ${JSON.stringify(p.outcome)}`
  }
}

/** The winning leaf of a tree for draw `d` (the operator's view). */
export function findWinner (tree: SortitionTree, d: bigint, decisions: Decisions): LeafInfo {
  return tree.find(d, strictDecider(decisions))
}

/** The proof of the winning leaf for draw `d`. */
export function proveWinner (tree: SortitionTree, d: bigint, decisions: Decisions): Proof {
  return tree.prove(d, strictDecider(decisions))
}

/**
 * Checks that a proof's path is the draw's path under `decisions`: every
 * condition step's predicate is decided (else NOT_SETTLED_YET) and decided
 * the way the step goes (else LOSING_REGION). The interval is checked by the
 * caller against the verified region.
 */
export function checkConditions (proof: Proof, decisions: Decisions): void {
  for (const [i, s] of proof.steps.entries()) {
    if (s.kind !== 'cond') continue
    const v = decisions.decide(s.predicate)
    if (v === undefined) settleFail('NOT_SETTLED_YET', `condition ${i} is not decided by the attestations given: ${describePredicate(s.predicate)}`)
    if (v !== (s.side === 0)) settleFail('LOSING_REGION', `condition ${i} (${describePredicate(s.predicate)}) is ${String(v)}, the region needs ${String(s.side === 0)}`)
  }
}

/** What a region plus its leaf win for draw `d`: whether `d` lies in the interval. */
export function inInterval (region: Region, d: bigint): boolean {
  return d >= region.lo && d < region.hi
}

/** The attestations and preimages that decide the condition steps of a proof. */
export function supportFor (proof: Proof, decisions: Decisions): { attestations: Attestation[], preimages: Uint8Array[] } {
  const attestations: Attestation[] = []
  const preimages: Uint8Array[] = []
  for (const s of proof.steps) {
    if (s.kind !== 'cond') continue
    const got = decisions.support(s.predicate)
    attestations.push(...got.attestations)
    preimages.push(...got.preimages)
  }
  return { attestations, preimages }
}

// ---------------------------------------------------------------- layers

export interface LayerWinner {
  chainId: Uint8Array
  draw: bigint
  region: Region
  leaf: Leaf
}

/**
 * Follows the winner down nested chains: settles `top`, and while the winning
 * leaf is a child chain, settles that child with its own draw. `settle` gives
 * one chain's winner (from its tree, or from a proof). Returns every layer's
 * winner, top first; the last is a user leaf or an unassigned one (that
 * layer's operator keeps its V).
 */
export async function winnerAcrossLayers (top: Uint8Array, settle: (chainId: Uint8Array) => Promise<LayerWinner>, maxLayers = MAX_LAYERS): Promise<LayerWinner[]> {
  const out: LayerWinner[] = []
  const seen = new Set<string>()
  let id = top
  for (;;) {
    if (seen.has(toHex(id))) settleFail('MALFORMED', `chain ${toHex(id)} is its own ancestor`)
    if (out.length >= maxLayers) settleFail('MALFORMED', `chains nest deeper than ${maxLayers} layers`)
    seen.add(toHex(id))
    const w = await settle(id)
    out.push(w)
    if (w.leaf.owner.kind !== 'child') return out
    id = w.leaf.owner.chainId
  }
}
