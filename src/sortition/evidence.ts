// Fraud evidence against a sortition chain's operator (DESIGN §6 "Evidence").
// Pure: no disk, no network. Each kind is self-verifying: a node holding
// nothing but the evidence checks it with signatures and hashes alone, and an
// operator that follows the protocol can never be framed (the argument per
// kind is in docs-evidence.md / PROTOCOL.md).
//
// Canonical encoding — tag "sortlift/v1/evidence", u8 kind, then the chain
// record as bytes(signing bytes), bytes(signature), then per kind:
//   1 DOUBLE_COMMITMENT: two commitments, ordered by commitment hash ascending,
//     each bytes(signing bytes), bytes(signature)
//   2 AFTER_TRADING_END: one commitment
//   3 UNAUTHORISED_MOVE: commitment before, bytes(proof before),
//     commitment after, bytes(proof after), u32 n,
//     n × (bytes(issue or transfer signing bytes), bytes(signature)), oldest first
//   4 UNPAID_CLAIM: bytes(claim record) (claim-encoding.ts; its chain record is
//     the one above, byte for byte)
// Evidence id = H(encoding).
//
// UNPAID_CLAIM is the one kind that proves a fact only together with the
// verifier's clock (the deadline passed) and beacon network (the claim wins),
// and it cannot prove that nothing was paid: it is an open accusation the
// operator answers (evidence-answer.ts).
import { CanonicalWriter } from '../crypto/canonical.js'
import { sha256 } from '../crypto/hash.js'
import { verifySignature, SIGNATURE_LENGTH } from '../crypto/keys.js'
import { equalBytes, toHex } from '../crypto/bytes.js'
import { chainSigningBytes, validateChain, custodyHash } from './chain.js'
import type { SignedChain, NewOwner, IssueFields, TransferFields } from './chain.js'
import { commitmentSigningBytes, commitmentHash } from './commitment.js'
import type { SignedCommitment } from './commitment.js'
import { verifyProofBytes } from './proof.js'
import type { Leaf } from './hashing.js'
import { regionsOverlap } from './space.js'
import type { Region } from './space.js'
import { decodeIssue, decodeTransfer, recordKind } from './record-codec.js'
import { ChainError } from './chain-errors.js'
import { SortitionError } from './errors.js'
import { EvidenceError, evidenceFail } from './evidence-errors.js'
import { encodeClaim, claimHash } from './claim-encoding.js'
import type { Claim } from './claim-encoding.js'
import { verifyClaim, claimDeadline } from './claim-verify.js'
import type { Winner } from './claim-verify.js'
import { SettlementError } from './settlement-errors.js'
import type { BeaconNetwork } from '../beacon/networks.js'

export const TAG_EVIDENCE = 'sortlift/v1/evidence'
/** custody records one UNAUTHORISED_MOVE may carry */
export const MAX_CUSTODY_RECORDS = 256
/** largest proof accepted in evidence (a proof of MAX_STEPS probability steps is about 266 KB; real ones are a few KB) */
export const MAX_PROOF_BYTES = 320 * 1024
/** largest signed record (issue or transfer) accepted in evidence */
export const MAX_RECORD_BYTES = 16 * 1024
/** largest claim record accepted in evidence (the claim protocol's largest frame) */
export const MAX_CLAIM_RECORD_BYTES = 256 * 1024

/** Wire and encoding codes of the kinds. */
export const EVIDENCE_KINDS = {
  DOUBLE_COMMITMENT: 1,
  AFTER_TRADING_END: 2,
  UNAUTHORISED_MOVE: 3,
  UNPAID_CLAIM: 4
} as const
export type EvidenceKindName = keyof typeof EVIDENCE_KINDS

/** A signed issue or transfer exactly as signed (its custody hash is over these bytes). */
export interface CustodyRecord { signingBytes: Uint8Array, signature: Uint8Array }

/** A leaf proven under a commitment's root. */
export interface ProvenLeaf { commitment: SignedCommitment, proof: Uint8Array }

export interface DoubleCommitment { kind: 'DOUBLE_COMMITMENT', chain: SignedChain, first: SignedCommitment, second: SignedCommitment }
export interface AfterTradingEnd { kind: 'AFTER_TRADING_END', chain: SignedChain, commitment: SignedCommitment }
export interface UnauthorisedMove { kind: 'UNAUTHORISED_MOVE', chain: SignedChain, before: ProvenLeaf, after: ProvenLeaf, records: CustodyRecord[] }
/** A valid claim on the chain, past its payment deadline; `claim.chain` is `chain`. */
export interface UnpaidClaim { kind: 'UNPAID_CLAIM', chain: SignedChain, claim: Claim }

/** Evidence this implementation judges. A new kind adds a member here, a case in the encoders and a VERIFIERS entry. */
export type Evidence = DoubleCommitment | AfterTradingEnd | UnauthorisedMove | UnpaidClaim
export type EvidenceKind = Evidence['kind']

/** What the verifier brings besides the evidence: only UNPAID_CLAIM needs it. */
export interface VerifyContext {
  /** the beacon network this node follows (a claim's round is checked against it) */
  network?: BeaconNetwork
  /** this node's clock (ms) */
  now?: number
}

/**
 * What an UNPAID_CLAIM accuses, in the form answers are matched against
 * (evidence-answer.ts answerCovers) and stored (hex strings, JSON-safe).
 */
export interface UnpaidFacts {
  claimHash: string
  payee: string
  /** the chain's value V, decimal */
  units: string
  /** claimDeadline(claim), ms */
  deadline: number
  /** who signed the claim as the winner: "user:<key hex>" or "child:<chain id hex>" */
  winner: string
  /** hash of the commitment the claim's proof is against */
  commitment: string
  commitmentHeight: number
}

/** The winner's identity as UnpaidFacts and answers name it. */
export function winnerName (w: Winner | Leaf['owner']): string {
  if (w.kind === 'user') return `user:${toHex(w.publicKey)}`
  if (w.kind === 'child') return `child:${toHex('chain' in w ? w.chain.id : w.chainId)}`
  return 'unassigned'
}

/** Why an UNAUTHORISED_MOVE is fraud (see verifyUnauthorisedMove). */
export type MoveGround = 'reclaimed' | 'owner-mismatch' | 'forged-transfer' | 'reissued'

/** What verified evidence proves. */
export interface Finding {
  id: Uint8Array
  kind: EvidenceKind
  /** the operator key the evidence is against (the chain record's) */
  operator: Uint8Array
  chainId: Uint8Array
  /** the height the fraud is at (the later commitment for UNAUTHORISED_MOVE) */
  height: number
  ground?: MoveGround
  /** UNPAID_CLAIM: the claim accused */
  unpaid?: UnpaidFacts
  detail: string
}

// ---------------------------------------------------------------- encoding

/** Re-throws encoder failures of the chain layer as MALFORMED evidence. */
function guard<T> (what: string, fn: () => T): T {
  try {
    return fn()
  } catch (err: any) {
    if (err instanceof ChainError || err instanceof SortitionError || err instanceof SettlementError || err instanceof RangeError) evidenceFail('MALFORMED', `${what}: ${err.message}`)
    throw err
  }
}

function bytesOf (b: unknown, what: string): Uint8Array {
  if (!(b instanceof Uint8Array)) evidenceFail('MALFORMED', `${what} must be bytes`)
  return b
}

function writeCommitment (w: CanonicalWriter, c: SignedCommitment, what: string): void {
  if (c == null) evidenceFail('MALFORMED', `${what} is missing`)
  w.bytes(guard(what, () => commitmentSigningBytes(c))).bytes(bytesOf(c?.signature, `${what} signature`))
}

/** The two commitments of a DOUBLE_COMMITMENT in canonical order (commitment hash ascending). */
export function orderedPair (a: SignedCommitment, b: SignedCommitment): [SignedCommitment, SignedCommitment] {
  if (a == null || b == null) evidenceFail('MALFORMED', 'two commitments are needed')
  const ha = guard('first commitment', () => commitmentHash(a))
  const hb = guard('second commitment', () => commitmentHash(b))
  return Buffer.compare(ha, hb) <= 0 ? [a, b] : [b, a]
}

/** The canonical encoding (what the id hashes). Throws EvidenceError MALFORMED / TOO_LARGE. */
export function encodeEvidence (e: Evidence): Uint8Array {
  const code = Object.hasOwn(EVIDENCE_KINDS, e?.kind) ? EVIDENCE_KINDS[e.kind as EvidenceKindName] : undefined
  if (code == null) evidenceFail('UNSUPPORTED_KIND', `unknown evidence kind ${JSON.stringify((e as any)?.kind)}`)
  if (e.chain == null) evidenceFail('MALFORMED', 'the chain record is missing')
  const w = new CanonicalWriter(TAG_EVIDENCE).u8(code)
  w.bytes(guard('chain record', () => chainSigningBytes(e.chain))).bytes(bytesOf(e.chain.signature, 'chain signature'))
  switch (e.kind) {
    case 'DOUBLE_COMMITMENT': {
      const [a, b] = orderedPair(e.first, e.second)
      writeCommitment(w, a, 'first commitment')
      writeCommitment(w, b, 'second commitment')
      break
    }
    case 'AFTER_TRADING_END':
      writeCommitment(w, e.commitment, 'commitment')
      break
    case 'UNAUTHORISED_MOVE': {
      if (!Array.isArray(e.records)) evidenceFail('MALFORMED', 'records must be a list')
      if (e.records.length > MAX_CUSTODY_RECORDS) evidenceFail('TOO_LARGE', `at most ${MAX_CUSTODY_RECORDS} custody records`)
      for (const [name, p] of [['before', e.before], ['after', e.after]] as const) {
        if (p == null) evidenceFail('MALFORMED', `the ${name} leaf is missing`)
        writeCommitment(w, p.commitment, `${name} commitment`)
        const proof = bytesOf(p.proof, `${name} proof`)
        if (proof.length > MAX_PROOF_BYTES) evidenceFail('TOO_LARGE', `${name} proof is longer than ${MAX_PROOF_BYTES} bytes`)
        w.bytes(proof)
      }
      w.u32(e.records.length)
      for (const [i, r] of e.records.entries()) {
        const sb = bytesOf(r?.signingBytes, `record ${i}`)
        if (sb.length > MAX_RECORD_BYTES) evidenceFail('TOO_LARGE', `record ${i} is longer than ${MAX_RECORD_BYTES} bytes`)
        w.bytes(sb).bytes(bytesOf(r.signature, `record ${i} signature`))
      }
      break
    }
    case 'UNPAID_CLAIM': {
      if (e.claim == null) evidenceFail('MALFORMED', 'the claim is missing')
      const record = guard('claim record', () => encodeClaim(e.claim))
      if (record.length > MAX_CLAIM_RECORD_BYTES) evidenceFail('TOO_LARGE', `the claim record is longer than ${MAX_CLAIM_RECORD_BYTES} bytes`)
      // one chain record per piece: the claim's must be the evidence's, byte for byte
      if (!equalBytes(guard('claim chain record', () => chainSigningBytes(e.claim.chain)), chainSigningBytes(e.chain)) || !equalBytes(bytesOf(e.claim.chain.signature, 'claim chain signature'), e.chain.signature)) {
        evidenceFail('MALFORMED', 'the claim\'s chain record is not the evidence\'s')
      }
      w.bytes(record)
      break
    }
  }
  return w.finish()
}

/** Evidence id = H(canonical encoding). */
export function evidenceId (e: Evidence): Uint8Array<ArrayBuffer> {
  return sha256(encodeEvidence(e))
}

// ---------------------------------------------------------------- common checks

async function checkChain (chain: SignedChain): Promise<void> {
  try {
    await validateChain(chain)
  } catch (err: any) {
    if (err instanceof ChainError) evidenceFail(err.code === 'MALFORMED' ? 'MALFORMED' : 'BAD_CHAIN', `chain record: ${err.message}`)
    throw err
  }
}

/** A commitment of `chain` signed by its operator. */
async function checkCommitment (chain: SignedChain, c: SignedCommitment, what: string): Promise<void> {
  const bytes = guard(what, () => commitmentSigningBytes(c))
  if (!equalBytes(c.chainId, chain.id)) evidenceFail('WRONG_CHAIN', `${what} is for another chain`)
  if (!await verifySignature(chain.operator, bytes, c.signature)) evidenceFail('BAD_SIGNATURE', `${what} is not signed by the chain's operator`)
}

function provenLeaf (p: ProvenLeaf, what: string): { region: Region, leaf: Leaf } {
  let v: ReturnType<typeof verifyProofBytes>
  try {
    v = verifyProofBytes(p.proof, p.commitment.root)
  } catch (err: any) {
    if (err instanceof SortitionError) evidenceFail('BAD_PROOF', `${what} proof: ${err.message}`)
    throw err
  }
  if (!v.ok) evidenceFail('BAD_PROOF', `${what} proof does not verify against its commitment's root: ${v.reason}`)
  return { region: v.region, leaf: v.leaf }
}

// ---------------------------------------------------------------- kinds

async function verifyDoubleCommitment (e: DoubleCommitment): Promise<Omit<Finding, 'id' | 'kind' | 'operator' | 'chainId'>> {
  await checkCommitment(e.chain, e.first, 'first commitment')
  await checkCommitment(e.chain, e.second, 'second commitment')
  if (e.first.height !== e.second.height) evidenceFail('HEIGHT_MISMATCH', `heights ${e.first.height} and ${e.second.height} differ`)
  // Different signed bytes, not just different hashes: a second valid
  // signature over the same bytes (were one ever found) is not a second commitment.
  if (equalBytes(commitmentSigningBytes(e.first), commitmentSigningBytes(e.second))) evidenceFail('SAME_COMMITMENT', 'the two commitments sign the same bytes')
  return { height: e.first.height, detail: `two commitments for height ${e.first.height}: ${toHex(commitmentHash(e.first))} and ${toHex(commitmentHash(e.second))}` }
}

async function verifyAfterTradingEnd (e: AfterTradingEnd): Promise<Omit<Finding, 'id' | 'kind' | 'operator' | 'chainId'>> {
  await checkCommitment(e.chain, e.commitment, 'commitment')
  if (e.commitment.time <= e.chain.tradingEnd) evidenceFail('NOT_AFTER_END', `the commitment is stamped ${e.commitment.time}, not after the trading end ${e.chain.tradingEnd}`)
  return { height: e.commitment.height, detail: `height ${e.commitment.height} stamped ${e.commitment.time} ms, after the trading end ${e.chain.tradingEnd} ms` }
}

type Owner = Leaf['owner'] | NewOwner

function sameOwner (a: Owner, b: Owner): boolean {
  if (a.kind !== b.kind) return false
  if (a.kind === 'unassigned') return true
  if (a.kind === 'user') return equalBytes(a.publicKey, (b as any).publicKey)
  return equalBytes(a.chainId, (b as any).chainId)
}

function ownerText (o: Owner): string {
  return o.kind === 'user' ? `user ${toHex(o.publicKey)}` : o.kind === 'child' ? `child chain ${toHex(o.chainId)}` : 'unassigned'
}

interface Decoded { kind: 'issue' | 'transfer', fields: IssueFields | TransferFields, signingBytes: Uint8Array, signature: Uint8Array, custody: Uint8Array }

function decodeRecord (chain: SignedChain, r: CustodyRecord, i: number): Decoded {
  const signingBytes = bytesOf(r?.signingBytes, `record ${i}`)
  const signature = bytesOf(r.signature, `record ${i} signature`)
  if (signature.length !== SIGNATURE_LENGTH) evidenceFail('MALFORMED', `record ${i}: a signature is ${SIGNATURE_LENGTH} bytes`)
  const kind = recordKind(signingBytes)
  if (kind == null) evidenceFail('MALFORMED', `record ${i} is neither a signed issue nor a signed transfer`)
  const fields = guard(`record ${i}`, () => kind === 'issue' ? decodeIssue(signingBytes) : decodeTransfer(signingBytes))
  if (!equalBytes(fields.chainId, chain.id)) evidenceFail('WRONG_CHAIN', `record ${i} is for another chain`)
  return { kind, fields, signingBytes, signature, custody: custodyHash(signingBytes, signature) }
}

/**
 * UNAUTHORISED_MOVE. Leaf L1 (owner O1, custody c1) is proven under
 * commitment A at height h1, leaf L2 (custody c2) under commitment B at
 * h2 > h1, and their regions overlap. An honest operator changes the leaf
 * holding any point of L1 only by splits (owner and custody kept) and
 * owner-signed transfers that name the current custody; it never issues an
 * assigned point again and never unassigns one. So, for an honest operator,
 * the custody history of L2 (the records r1..rn, oldest first, each transfer
 * naming the custody hash of the one before, rn hashing to c2) passes
 * through c1, every transfer in it verifies under the owner of the custody it
 * names, and every leaf's owner is the owner its custody record names. The
 * evidence proves fraud when one of these fails:
 *   reclaimed        — L2 is unassigned (no records);
 *   owner-mismatch   — L2's owner is not rn's new owner, or L1's owner is not
 *                      the new owner of the record hashing to c1 (with no
 *                      records: c2 = c1 and the owners differ);
 *   forged-transfer  — a transfer whose signature does not verify under the
 *                      previous record's new owner (for r1 naming c1: O1);
 *   reissued         — r1 is an issue (the origin of L2's custody) and no
 *                      record hashes to c1: the history skipped L1's custody.
 */
async function verifyUnauthorisedMove (e: UnauthorisedMove): Promise<Omit<Finding, 'id' | 'kind' | 'operator' | 'chainId'>> {
  const { before, after } = e
  await checkCommitment(e.chain, before.commitment, 'before commitment')
  await checkCommitment(e.chain, after.commitment, 'after commitment')
  const h1 = before.commitment.height
  const h2 = after.commitment.height
  if (h2 <= h1) evidenceFail('HEIGHT_ORDER', `the later commitment (height ${h2}) must be higher than the earlier one (height ${h1})`)
  const l1 = provenLeaf(before, 'before')
  const l2 = provenLeaf(after, 'after')
  if (l1.leaf.owner.kind === 'unassigned') evidenceFail('UNASSIGNED_LEAF', `the earlier leaf is unassigned at height ${h1}: nobody owned it`)
  if (!regionsOverlap(l1.region, l2.region)) evidenceFail('NO_OVERLAP', 'the two leaves\' regions share no point')
  if (!Array.isArray(e.records)) evidenceFail('MALFORMED', 'records must be a list')
  if (e.records.length > MAX_CUSTODY_RECORDS) evidenceFail('TOO_LARGE', `at most ${MAX_CUSTODY_RECORDS} custody records`)
  const o1 = l1.leaf.owner
  const c1 = (l1.leaf as any).custody as Uint8Array
  const o2 = l2.leaf.owner
  const found = (ground: MoveGround, detail: string): Omit<Finding, 'id' | 'kind' | 'operator' | 'chainId'> => ({ height: h2, ground, detail })

  if (o2.kind === 'unassigned') {
    if (e.records.length > 0) evidenceFail('MALFORMED', 'an unassigned leaf has no custody: no records go with it')
    return found('reclaimed', `a region of ${ownerText(o1)} at height ${h1} is unassigned at height ${h2}`)
  }
  const c2 = (l2.leaf as any).custody as Uint8Array
  const recs = e.records.map((r, i) => decodeRecord(e.chain, r, i))
  if (recs.length === 0) {
    if (!equalBytes(c1, c2)) evidenceFail('BROKEN_CUSTODY', 'the custody records that lead to the later leaf\'s custody are missing')
    if (sameOwner(o1, o2)) evidenceFail('NOT_FRAUD', 'the region has the same owner and custody at both heights')
    return found('owner-mismatch', `one custody held by ${ownerText(o1)} at height ${h1} and by ${ownerText(o2)} at height ${h2}`)
  }
  // the records must form the custody history of L2, oldest first
  const n = recs.length
  if (!equalBytes(recs[n - 1].custody, c2)) evidenceFail('BROKEN_CUSTODY', 'the last record does not hash to the later leaf\'s custody')
  for (let i = 1; i < n; i++) {
    const r = recs[i]
    if (r.kind !== 'transfer') evidenceFail('BROKEN_CUSTODY', `record ${i} is an issue: only the first record may be one`)
    if (!equalBytes((r.fields as TransferFields).custody, recs[i - 1].custody)) evidenceFail('BROKEN_CUSTODY', `record ${i} does not name the custody of record ${i - 1}`)
  }
  // owner-mismatch
  if (!sameOwner(recs[n - 1].fields.owner, o2)) {
    return found('owner-mismatch', `the later leaf is held by ${ownerText(o2)} but its custody record gives it to ${ownerText(recs[n - 1].fields.owner)}`)
  }
  const atC1 = recs.findIndex(r => equalBytes(r.custody, c1))
  if (atC1 >= 0 && !sameOwner(recs[atC1].fields.owner, o1)) {
    return found('owner-mismatch', `the earlier leaf is held by ${ownerText(o1)} but its custody record gives it to ${ownerText(recs[atC1].fields.owner)}`)
  }
  // forged-transfer
  let unjudged = -1
  for (let i = 0; i < n; i++) {
    const r = recs[i]
    if (r.kind !== 'transfer') continue
    const named = (r.fields as TransferFields).custody
    const prev: Owner | undefined = i > 0 ? recs[i - 1].fields.owner : equalBytes(named, c1) ? o1 : undefined
    if (prev == null) continue
    if (prev.kind !== 'user') { unjudged = i; continue }
    if (!await verifySignature(prev.publicKey, r.signingBytes, r.signature)) {
      return found('forged-transfer', `record ${i} moves the region to ${ownerText(r.fields.owner)} without the signature of its owner ${ownerText(prev)}`)
    }
  }
  // reissued
  if (recs[0].kind === 'issue' && atC1 < 0) {
    return found('reissued', `the region of ${ownerText(o1)} (custody ${toHex(c1)} at height ${h1}) was issued again: the custody history at height ${h2} starts at an issue and never passes through it`)
  }
  if (unjudged >= 0) evidenceFail('UNSUPPORTED_OWNER', `record ${unjudged} transfers a region held by a child chain; v1 cannot judge who may sign that`)
  return evidenceFail('NOT_FRAUD', 'every transfer is signed by the owner of the custody it names and the history passes through the earlier custody')
}

/**
 * For followers: the evidence a commitment seen for `chain` gives, if any —
 * AFTER_TRADING_END when it is stamped after the trading end, else
 * DOUBLE_COMMITMENT when `known` (the commitment held for the same height)
 * signs other bytes. Builds only; EvidenceService.submit verifies (and
 * refuses, with an EvidenceError, what a forger rather than the operator signed).
 */
export function commitmentEvidence (chain: SignedChain, seen: SignedCommitment, known?: SignedCommitment): Evidence[] {
  const out: Evidence[] = []
  if (seen.time > chain.tradingEnd) out.push({ kind: 'AFTER_TRADING_END', chain, commitment: seen })
  if (known != null && known.height === seen.height && !equalBytes(guard('commitment', () => commitmentSigningBytes(known)), guard('commitment', () => commitmentSigningBytes(seen)))) {
    out.push({ kind: 'DOUBLE_COMMITMENT', chain, first: known, second: seen })
  }
  return out
}

/**
 * UNPAID_CLAIM. The claim verifies (§8.20, without what only the operator can
 * check: the clock skew and finality) for the verifier's beacon network, and
 * the verifier's clock is past its deadline. Checked in this order: the
 * deadline (cheap; NOT_DUE), the network (NO_BEACON), the claim (BAD_BEACON,
 * else BAD_CLAIM with the settlement code). Proves that the operator owes V
 * to the claim's payee unless it answers (evidence-answer.ts).
 */
async function verifyUnpaidClaim (e: UnpaidClaim, ctx: VerifyContext): Promise<Omit<Finding, 'id' | 'kind' | 'operator' | 'chainId'>> {
  const deadline = claimDeadline(e.claim)
  if (ctx.now == null || ctx.now <= deadline) evidenceFail('NOT_DUE', ctx.now == null ? 'judging an unpaid claim needs a clock' : `the claim is due at ${deadline} ms; this node's clock says ${ctx.now} ms`)
  if (ctx.network == null) evidenceFail('NO_BEACON', 'this node follows no beacon network: it cannot judge a claim')
  let v: Awaited<ReturnType<typeof verifyClaim>>
  try {
    v = await verifyClaim(e.claim, { network: ctx.network, now: ctx.now })
  } catch (err) {
    if (err instanceof SettlementError) evidenceFail(err.code === 'BAD_BEACON' ? 'BAD_BEACON' : 'BAD_CLAIM', `${err.code}: ${err.message}`)
    throw err
  }
  const c = e.claim
  const unpaid: UnpaidFacts = {
    claimHash: toHex(claimHash(c)),
    payee: c.fields.payee,
    units: v.units.toString(),
    deadline,
    winner: winnerName(v.winner),
    commitment: toHex(commitmentHash(c.commitment)),
    commitmentHeight: c.commitment.height
  }
  return { height: c.commitment.height, unpaid, detail: `claim ${unpaid.claimHash} of ${unpaid.winner} for ${unpaid.units} to ${unpaid.payee}, due at ${deadline} ms, not shown paid` }
}

type Verifier<E extends Evidence> = (e: E, ctx: VerifyContext) => Promise<Omit<Finding, 'id' | 'kind' | 'operator' | 'chainId'>>

/** One verifier per kind. */
const VERIFIERS: { [K in EvidenceKind]: Verifier<Extract<Evidence, { kind: K }>> } = {
  DOUBLE_COMMITMENT: verifyDoubleCommitment,
  AFTER_TRADING_END: verifyAfterTradingEnd,
  UNAUTHORISED_MOVE: verifyUnauthorisedMove,
  UNPAID_CLAIM: verifyUnpaidClaim
}

/**
 * Verifies evidence with nothing but its contents (and, for UNPAID_CLAIM, the
 * verifier's clock and beacon network). Returns what it proves; throws
 * EvidenceError when it proves nothing.
 */
export async function verifyEvidence (e: Evidence, ctx: VerifyContext = {}): Promise<Finding> {
  const id = evidenceId(e) // also checks every field's shape
  await checkChain(e.chain)
  const verify = VERIFIERS[e.kind] as Verifier<Evidence>
  const f = await verify(e, ctx)
  return { id, kind: e.kind, operator: e.chain.operator, chainId: e.chain.id, ...f }
}

export { EvidenceError }
