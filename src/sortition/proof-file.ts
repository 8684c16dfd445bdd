// A proof exported for offline checking: the signed chain record, the signed
// commitment whose root the proof is against, and the binary proof. Checking
// needs no node: chain id and operator signature, the commitment's chain and
// operator signature, then the proof against the commitment's root.
import { fromHex, toHex } from '../crypto/bytes.js'
import { verifySignature } from '../crypto/keys.js'
import { chainFromJson, validateChain } from './chain.js'
import type { ChainJson, LocatorJson } from './chain.js'
import { commitmentFromJson, commitmentSigningBytes, commitmentHash } from './commitment.js'
import type { CommitmentJson } from './commitment.js'
import { verifyProofBytes } from './proof.js'
import { regionValue, SPACE } from './space.js'
import { ChainError, chainFail } from './chain-errors.js'

export interface ProofFile {
  kind: 'sortlift-sortition-proof'
  version: 1
  chain: ChainJson
  commitment: CommitmentJson
  /** the point (and conditions) the proof was asked for */
  at: LocatorJson
  /** binary proof (PROTOCOL.md §8.6), hex */
  proof: string
}

export interface ProofCheck {
  ok: boolean
  reason?: string
  chainId?: string
  height?: number
  root?: string
  commitment?: string
  region?: { lo: string, hi: string, conditions: Array<{ predicate: string, value: boolean }> }
  owner?: { kind: string, publicKey?: string, chainId?: string }
  custody?: string
  /** what the region wins, in milli-units, if its conditions hold */
  value?: string
}

/** Checks a proof file offline; never throws on bad input, says why instead. */
export async function verifyProofFile (file: unknown): Promise<ProofCheck> {
  try {
    const f = file as ProofFile
    if (f?.kind !== 'sortlift-sortition-proof' || f.version !== 1) chainFail('MALFORMED', 'not a sortlift proof file (version 1)')
    const chain = chainFromJson(f.chain)
    await validateChain(chain)
    const c = commitmentFromJson(f.commitment)
    if (toHex(c.chainId) !== toHex(chain.id)) chainFail('WRONG_CHAIN', 'the commitment is for another chain')
    if (!await verifySignature(chain.operator, commitmentSigningBytes(c), c.signature)) chainFail('BAD_SIGNATURE', 'the commitment is not signed by the chain operator')
    if (c.time > chain.tradingEnd) chainFail('AFTER_TRADING_END', 'the commitment is stamped after the trading end')
    let proof: Uint8Array
    try { proof = fromHex(f.proof) } catch { return chainFail('MALFORMED', 'proof is not hex') }
    const v = verifyProofBytes(proof, c.root)
    if (!v.ok) return { ok: false, reason: `the proof does not verify against the committed root: ${v.reason}` }
    const leaf = v.leaf as any
    return {
      ok: true,
      chainId: toHex(chain.id),
      height: c.height,
      root: toHex(c.root),
      commitment: toHex(commitmentHash(c)),
      region: { lo: v.region.lo.toString(), hi: v.region.hi.toString(), conditions: v.region.conditions.map(k => ({ predicate: toHex(k.predicate), value: k.value })) },
      owner: leaf.owner.kind === 'user' ? { kind: 'user', publicKey: toHex(leaf.owner.publicKey) } : leaf.owner.kind === 'child' ? { kind: 'child', chainId: toHex(leaf.owner.chainId) } : { kind: 'unassigned' },
      ...(leaf.custody != null ? { custody: toHex(leaf.custody) } : {}),
      value: regionValue(chain.value, v.region.lo, v.region.hi <= SPACE ? v.region.hi : SPACE).toString()
    }
  } catch (err: any) {
    return { ok: false, reason: err instanceof ChainError ? `${err.code}: ${err.message}` : (err?.message ?? String(err)) }
  }
}
