// Gossip of commitments to ancestors (DESIGN §6) and ancestry proofs. Pure.
//
// Topics mirror the tree of chains: a chain's commitments are announced on
// its parent's topic /sortlift/chain/<parent id hex>/1; a top-level chain's on
// /sortlift/roots/1. An announcement carries the signed chain record with the
// commitment, so anyone can check it alone: the record's id and signature,
// the topic against the record's parent, the commitment's chain and operator
// signature, and its time against the trading end. Against what a node has
// already seen of that chain it is new, stale, or a conflict (fraud).
//
// An ancestry proof shows that an ancestor's committed root commits to a
// child's commitment: layer 0 is the child (record + commitment); each next
// layer is the parent's record, a commitment of the parent, and a proof,
// under that commitment's root, of the child's parent leaf holding the hash of
// the layer below's commitment.
import { verifySignature } from '../crypto/keys.js'
import { equalBytes, fromHex, toHex } from '../crypto/bytes.js'
import { chainFromJson, chainToJson, validateChain } from './chain.js'
import type { ChainJson, SignedChain } from './chain.js'
import { commitmentFromJson, commitmentHash, commitmentSigningBytes, commitmentToJson } from './commitment.js'
import type { CommitmentJson, SignedCommitment } from './commitment.js'
import { verifyProofBytes } from './proof.js'
import { chainFail, ChainError } from './chain-errors.js'

export const ROOTS_TOPIC = '/sortlift/roots/1'
/** an announcement stamped further ahead of the receiver's clock than this is not judged yet */
export const MAX_CLOCK_SKEW_MS = 60_000
/** layers of an ancestry proof, at most (the chain itself and its ancestors) */
export const MAX_LAYERS = 64

export function chainTopic (chainId: Uint8Array | string): string {
  return `/sortlift/chain/${typeof chainId === 'string' ? chainId.toLowerCase() : toHex(chainId)}/1`
}

/** The topic a chain's commitments are announced on. */
export function topicOf (chain: SignedChain): string {
  return chain.parent == null ? ROOTS_TOPIC : chainTopic(chain.parent.chainId)
}

/** What a node already knows of a chain's commitments: its latest. */
export interface KnownHead { height: number, hash: Uint8Array }

export type Relation = 'new' | 'stale' | 'duplicate'

/**
 * Checks an announcement on `topic` alone, then against `known` (the latest
 * commitment this node has seen of the chain). Returns whether it is new;
 * throws ChainError: BAD_CHAIN_ID / BAD_SIGNATURE / MALFORMED (bad record or
 * commitment), WRONG_TOPIC, WRONG_CHAIN, AFTER_TRADING_END, CONFLICT (another
 * commitment for a height already seen), BROKEN_LINK (the next height does not
 * link to the known one), UNAVAILABLE (stamped too far in the future: not
 * judged, not forwarded).
 */
export async function checkAnnouncement (topic: string, chain: SignedChain, c: SignedCommitment, known: KnownHead | undefined, now: number): Promise<Relation> {
  await validateChain(chain)
  if (topic !== topicOf(chain)) chainFail('WRONG_TOPIC', `chain ${toHex(chain.id)} is announced on ${topicOf(chain)}, not ${topic}`)
  if (!equalBytes(c.chainId, chain.id)) chainFail('WRONG_CHAIN', 'the commitment is for another chain than the record')
  if (!(c.signature instanceof Uint8Array) || !await verifySignature(chain.operator, commitmentSigningBytes(c), c.signature)) chainFail('BAD_SIGNATURE', 'the commitment is not signed by the chain operator')
  if (c.time > chain.tradingEnd) chainFail('AFTER_TRADING_END', `height ${c.height} is stamped after the trading end`)
  if (c.time > now + MAX_CLOCK_SKEW_MS) chainFail('UNAVAILABLE', `height ${c.height} is stamped in the future`)
  if (known == null) return 'new'
  const hash = commitmentHash(c)
  if (c.height === known.height) {
    if (equalBytes(hash, known.hash)) return 'duplicate'
    chainFail('CONFLICT', `two commitments for height ${c.height} of chain ${toHex(chain.id)}`)
  }
  if (c.height < known.height) return 'stale'
  if (c.height === known.height + 1 && !equalBytes(c.prev, known.hash)) chainFail('BROKEN_LINK', `height ${c.height} does not link to the height ${known.height} seen before`)
  return 'new'
}

// ---------------------------------------------------------------- ancestry proofs

export interface AncestryLayer {
  chain: ChainJson
  commitment: CommitmentJson
  /** layers above 0: the proof (hex) of the child's parent leaf under this commitment's root */
  proof?: string
}

export interface AncestryFile {
  kind: 'sortlift-ancestry-proof'
  version: 1
  /** [child, parent, grandparent, …] */
  layers: AncestryLayer[]
}

export interface AncestryCheck {
  ok: boolean
  reason?: string
  /** the child commitment proven */
  child?: { chainId: string, height: number, commitment: string }
  /** each ancestor, nearest first: the commitment whose root commits to the layer below */
  ancestors?: Array<{ chainId: string, height: number, root: string, commitment: string }>
}

export function ancestryLayer (chain: SignedChain, c: SignedCommitment, proof?: Uint8Array): AncestryLayer {
  return { chain: chainToJson(chain), commitment: commitmentToJson(c), ...(proof != null ? { proof: toHex(proof) } : {}) }
}

/** Checks that the chain's commitment is signed by its operator. Throws ChainError. */
async function signedLayer (l: AncestryLayer): Promise<{ chain: SignedChain, c: SignedCommitment }> {
  const chain = chainFromJson(l.chain)
  await validateChain(chain)
  const c = commitmentFromJson(l.commitment)
  if (!equalBytes(c.chainId, chain.id)) chainFail('WRONG_CHAIN', 'a layer\'s commitment is for another chain')
  if (!await verifySignature(chain.operator, commitmentSigningBytes(c), c.signature)) chainFail('BAD_SIGNATURE', `the commitment of chain ${toHex(chain.id)} is not signed by its operator`)
  if (c.time > chain.tradingEnd) chainFail('AFTER_TRADING_END', `the commitment of chain ${toHex(chain.id)} is stamped after its trading end`)
  return { chain, c }
}

/**
 * Checks that `parent`'s commitment commits to `child`'s: the proof verifies
 * under the parent's root and names exactly the child's parent leaf, owned by
 * the child chain and holding the child commitment's hash. Throws ChainError.
 */
export function checkEmbedding (child: { chain: SignedChain, c: SignedCommitment }, parent: { chain: SignedChain, c: SignedCommitment }, proof: Uint8Array): void {
  const p = child.chain.parent
  if (p == null) chainFail('WRONG_CHAIN', `chain ${toHex(child.chain.id)} has no parent`)
  if (!equalBytes(p.chainId, parent.chain.id)) chainFail('WRONG_CHAIN', `chain ${toHex(parent.chain.id)} is not the parent of ${toHex(child.chain.id)}`)
  const v = verifyProofBytes(proof, parent.c.root)
  if (!v.ok) chainFail('BAD_SIGNATURE', `the proof does not verify under the parent's committed root: ${v.reason}`)
  const sameConditions = v.region.conditions.length === p.leaf.conditions.length &&
    v.region.conditions.every((k, i) => k.value === p.leaf.conditions[i].value && equalBytes(k.predicate, p.leaf.conditions[i].predicate))
  if (v.region.lo !== p.leaf.lo || !sameConditions) chainFail('NOT_EMBEDDED', 'the proven leaf is not the child\'s parent leaf')
  const leaf = v.leaf
  if (leaf.owner.kind !== 'child' || !equalBytes(leaf.owner.chainId, child.chain.id)) chainFail('NOT_EMBEDDED', 'the parent leaf is not owned by the child chain')
  const held = (leaf as { commitment?: Uint8Array }).commitment
  if (held == null || !equalBytes(held, commitmentHash(child.c))) chainFail('NOT_EMBEDDED', `the parent's height ${parent.c.height} does not commit to height ${child.c.height} of the child`)
}

/** Checks an ancestry proof offline; never throws on bad input, says why instead. */
export async function verifyAncestry (file: unknown): Promise<AncestryCheck> {
  try {
    const f = file as AncestryFile
    if (f?.kind !== 'sortlift-ancestry-proof' || f.version !== 1 || !Array.isArray(f.layers)) chainFail('MALFORMED', 'not a sortlift ancestry proof (version 1)')
    if (f.layers.length < 2 || f.layers.length > MAX_LAYERS) chainFail('MALFORMED', `an ancestry proof has 2..${MAX_LAYERS} layers`)
    let below = await signedLayer(f.layers[0])
    const ancestors: NonNullable<AncestryCheck['ancestors']> = []
    for (const l of f.layers.slice(1)) {
      const here = await signedLayer(l)
      let proof: Uint8Array
      try { proof = fromHex(l.proof ?? '') } catch { return chainFail('MALFORMED', 'a layer\'s proof is not hex') }
      checkEmbedding(below, here, proof)
      ancestors.push({ chainId: toHex(here.chain.id), height: here.c.height, root: toHex(here.c.root), commitment: toHex(commitmentHash(here.c)) })
      below = here
    }
    const child = await signedLayer(f.layers[0])
    return { ok: true, child: { chainId: toHex(child.chain.id), height: child.c.height, commitment: toHex(commitmentHash(child.c)) }, ancestors }
  } catch (err: any) {
    return { ok: false, reason: err instanceof ChainError ? `${err.code}: ${err.message}` : (err?.message ?? String(err)) }
  }
}
