// Building and checking tally records (the part both users sign).
import { Side } from '../../protos/tally.js'
import type { TallyRecord } from '../../protos/tally.js'
import { ErrorCode, reject } from './errors.js'
import { parseAddress } from './address.js'
import { ID_LENGTH, certOf, otherSide } from './half.js'
import { PUBLIC_KEY_LENGTH } from '../crypto/keys.js'

export interface DraftInput {
  id: Uint8Array<ArrayBuffer>
  proposerAddress: string
  proposerKey: Uint8Array<ArrayBuffer>
  partnerAddress: string
  proposerSide: Side
  limit?: bigint
  created: number
}

/** A record with the acceptor's key left empty: the acceptor's node fills it in. */
export function draftRecord (d: DraftInput): TallyRecord {
  const mine = { address: d.proposerAddress, publicKey: d.proposerKey }
  const theirs = { address: d.partnerAddress, publicKey: new Uint8Array() as Uint8Array<ArrayBuffer> }
  return {
    id: d.id,
    version: 1,
    stock: d.proposerSide === Side.STOCK ? mine : theirs,
    foil: d.proposerSide === Side.STOCK ? theirs : mine,
    hasLimit: d.limit != null,
    limit: d.limit ?? 0n,
    created: BigInt(d.created),
    proposer: d.proposerSide
  }
}

/** Checks a draft received from a peer; returns the acceptor's side. */
export function validateDraft (r: TallyRecord, remotePeer: string, localPeer: string): Side {
  if (r.id.length !== ID_LENGTH) reject(ErrorCode.MALFORMED, 'tally id must be 16 bytes')
  if (r.version !== 1) reject(ErrorCode.MALFORMED, `unsupported tally version ${r.version}`)
  if (r.proposer !== Side.STOCK && r.proposer !== Side.FOIL) reject(ErrorCode.MALFORMED, 'proposer side must be stock or foil')
  if (r.hasLimit && r.limit < 0n) reject(ErrorCode.MALFORMED, 'limit must not be negative')
  if (r.created <= 0n) reject(ErrorCode.MALFORMED, 'tally needs a creation time')
  const proposer = certOf(r, r.proposer)
  const acceptorSide = otherSide(r.proposer)
  const acceptor = certOf(r, acceptorSide)
  const pa = parseAddress(proposer.address)
  const aa = parseAddress(acceptor.address)
  if (proposer.address === acceptor.address) reject(ErrorCode.MALFORMED, 'a tally joins two different users')
  if (pa.peerId !== remotePeer) reject(ErrorCode.NOT_COUNTERPARTY, 'proposer is not hosted by the sending node')
  if (aa.peerId !== localPeer) reject(ErrorCode.NOT_COUNTERPARTY, 'partner is not hosted by this node')
  if (proposer.publicKey.length !== PUBLIC_KEY_LENGTH) reject(ErrorCode.MALFORMED, 'proposer key must be a 32-byte Ed25519 key')
  if (acceptor.publicKey.length !== 0) reject(ErrorCode.MALFORMED, 'the acceptor\'s key is filled in by its own node')
  return acceptorSide
}

export function withKey (r: TallyRecord, side: Side, publicKey: Uint8Array<ArrayBuffer>): TallyRecord {
  const cert = { ...certOf(r, side), publicKey }
  return side === Side.STOCK ? { ...r, stock: cert } : { ...r, foil: cert }
}
